package io.lode.core.memory;

/** A varint that is truncated by its limit or longer than its type allows. */
public final class MalformedVarintException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedVarintException(String message) {
        super(message);
    }
}
