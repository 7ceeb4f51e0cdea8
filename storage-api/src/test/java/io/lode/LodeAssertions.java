package io.lode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Assertions about Lode's failures, shared by the tests of every package. */
public final class LodeAssertions {
    private LodeAssertions() {}

    /** Asserts that {@code call} fails with a {@link LodeException} of {@code code}, and returns it. */
    public static LodeException assertFails(ErrorCode code, Executable call) {
        LodeException e = assertThrows(LodeException.class, call);
        assertEquals(code, e.code(), e::toString);
        return e;
    }
}
