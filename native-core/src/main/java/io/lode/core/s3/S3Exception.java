package io.lode.core.s3;

/**
 * A failed S3 operation: either the service answered with an error status, or no answer came
 * (connection refused, timed out), in which case {@link #status()} is 0.
 */
public final class S3Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String operation;
    private final boolean retryable;

    public S3Exception(int status, String errorCode, String operation, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.operation = operation;
        this.retryable = retryable;
    }

    /** The HTTP status, or 0 when the service did not answer. */
    public int status() {
        return status;
    }

    /** S3's error code ({@code NoSuchKey}, {@code PreconditionFailed}, ...), or the CRT error name, or "". */
    public String errorCode() {
        return errorCode;
    }

    /** The S3 operation that failed ({@code PutObject}, {@code CompleteMultipartUpload}, ...). */
    public String operation() {
        return operation;
    }

    /** Whether retrying may help: no answer, a 5xx, throttling or a conflicting concurrent write. */
    public boolean retryable() {
        return retryable;
    }
}
