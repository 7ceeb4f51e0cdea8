package io.lode.dataset.internal;

import java.io.IOException;
import java.io.InputStream;

/** An input stream whose single-byte read goes through its bulk read, the one that does the work. */
abstract class BulkInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
