/**
 * The entry point: {@link io.lode.Lode#connect(String)} opens a {@link io.lode.LodeConnection} to a
 * location given by a URL ({@code lode:file:/data}, {@code lode:mem:name}, {@code lode:s3://bucket/prefix}),
 * and the connection opens what lives there: datasets ({@link io.lode.dataset}), volumes
 * ({@link io.lode.volume}) and Isle key-value databases ({@link io.lode.isle}).
 *
 * <p>Every failure anywhere in Lode is a {@link io.lode.LodeException} whose
 * {@link io.lode.ErrorCode} says what kind it is: bad input ({@code INVALID_ARGUMENT},
 * {@code INVALID_PATH}), a missing object ({@code NOT_FOUND}), a lost race ({@code PATH_EXISTS},
 * {@code PRECONDITION_FAILED}, {@code SNAPSHOT_CONFLICT}, {@code FENCED}), damaged data
 * ({@code CORRUPTION}, {@code CHECKSUM_MISMATCH}), data from a newer version ({@code UNSUPPORTED}),
 * pressure ({@code BACKPRESSURE}) or a store that failed ({@code IO});
 * {@link io.lode.LodeException#retryable()} tells whether the same call may succeed later.
 *
 * <p>Options of every kind ({@code IsleOptions}, {@code WriterOptions}, {@code DatasetOptions}, ...)
 * follow one style: immutable values that start from {@code defaults()} and change through
 * {@code with} methods, so a later version can add an option without breaking callers.
 */
package io.lode;
