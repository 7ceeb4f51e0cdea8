package io.lode.dataset.internal;

import io.lode.dataset.Checksum;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5, as Lode records it: lowercase hex. */
public final class Md5Checksum implements Checksum {
    public static final Md5Checksum INSTANCE = new Md5Checksum();

    private Md5Checksum() {}

    @Override
    public String name() {
        return "md5";
    }

    @Override
    public Hasher newHasher() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
        return new Hasher() {
            @Override
            public void update(byte[] bytes, int offset, int length) {
                md.update(bytes, offset, length);
            }

            @Override
            public String sum() {
                return HexFormat.of().formatHex(md.digest());
            }
        };
    }
}
