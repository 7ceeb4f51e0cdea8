package io.lode;

/**
 * What went wrong, as a stable code a caller can switch on. Each code says whether an operation
 * that failed with it is, by default, safe to retry unchanged ({@link LodeException#retryable()}).
 */
public enum ErrorCode {
    /** The object, snapshot or database does not exist. */
    NOT_FOUND(false),
    /** A create-only write found the key already present. */
    PATH_EXISTS(false),
    /** A key, prefix or byte range is not acceptable (empty, escaping the root, negative, overflowing). */
    INVALID_PATH(false),
    /** A compare-and-swap write found a different version than the one expected. */
    PRECONDITION_FAILED(false),
    /** A dataset or volume has no snapshot yet. */
    NO_SNAPSHOTS(false),
    /** The storage holds objects but no manifest. */
    NO_MANIFESTS(false),
    /** The configured layout does not model datasets. */
    DATASETS_NOT_MODELED(false),
    /** A manifest failed validation. */
    MANIFEST_INVALID(false),
    /** A volume read asked for bytes that no committed block covers. */
    RANGE_MISSING(false),
    /** A volume commit would make blocks overlap. */
    OVERLAPPING_BLOCKS(false),
    /** A raw stream write was attempted on a dataset configured with a codec. */
    CODEC_CONFIGURED(false),
    /** The configured codec cannot stream records. */
    CODEC_NOT_STREAMABLE(false),
    /** Streaming record writes cannot partition. */
    PARTITIONING_NOT_SUPPORTED(false),
    /** Another writer committed first; re-read the head and commit again. */
    SNAPSHOT_CONFLICT(true),
    /** A newer writer took over this database; this handle must stop writing. */
    FENCED(false),
    /** Two writers claimed ownership at once; reopen to find out which one won. */
    FENCE_CONFLICT(true),
    /** Stored bytes do not match their recorded checksum. */
    CHECKSUM_MISMATCH(false),
    /** A record does not fit the codec's schema (a missing required field, a wrong type, a value out of range), or the schema itself is invalid. */
    SCHEMA_VIOLATION(false),
    /** Stored bytes are structurally invalid (truncated, malformed, impossible values). */
    CORRUPTION(false),
    /** Writes are arriving faster than they can be flushed; slow down and retry. */
    BACKPRESSURE(true),
    /** The connection, store or handle was closed. */
    CLOSED(false),
    /** An argument or option is not acceptable. */
    INVALID_ARGUMENT(false),
    /** The operation or URL is not supported by this build, driver or store. */
    UNSUPPORTED(false),
    /**
     * A commit's last step failed in a way that leaves its outcome unknown: the store may have
     * applied it without saying so. The message names what to check (the snapshot id, or the range
     * of sequence numbers); reading it back tells whether the commit landed. Retrying blindly may
     * apply the change twice.
     */
    COMMIT_INDETERMINATE(true),
    /** The store refused the credentials or their permissions; fix the credentials or the policy. */
    ACCESS_DENIED(false),
    /** The store asked the client to slow down (HTTP 429, S3 {@code SlowDown}) and kept doing so through the retries. */
    THROTTLED(true),
    /** The store did not answer in time, through the retries. */
    TIMEOUT(true),
    /** An input/output failure of the underlying storage. */
    IO(true);

    private final boolean retryableByDefault;

    ErrorCode(boolean retryableByDefault) {
        this.retryableByDefault = retryableByDefault;
    }

    /** Whether a failure with this code is, unless stated otherwise, safe to retry unchanged. */
    public boolean retryableByDefault() {
        return retryableByDefault;
    }
}
