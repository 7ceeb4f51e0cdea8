package io.lode.isle;

/**
 * What a catch-up pass delivered.
 *
 * @param lastKey the last key delivered (pass it as {@code startAfterKey} to resume), or null
 * @param count how many entries were delivered
 * @param truncated whether the pass stopped at its limit
 */
public record CatchUpResult(byte[] lastKey, long count, boolean truncated) {}
