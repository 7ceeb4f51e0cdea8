package io.lode.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObjectKeyTest {
    @Test
    void everyInvalidKeyNamesTheRuleItBreaks() {
        for (String key : ObjectStoreContract.INVALID_KEYS) {
            LodeException e = assertThrows(LodeException.class, () -> ObjectKey.check(key));
            assertEquals(ErrorCode.INVALID_PATH, e.code());
            assertTrue(e.getMessage().startsWith("invalid key"), e.getMessage());
        }
    }

    @Test
    void prefixesMayEndInAPartialSegment() {
        for (String prefix : List.of("", "a", "a/", "a/b", "a/.", "a/..x", "..", ".lo")) {
            assertEquals(prefix, ObjectKey.checkPrefix(prefix));
        }
    }

    @Test
    void orderIsTheOrderOfUtf8Bytes() {
        Random rnd = new Random(1);
        String alphabet = "a/b-\u00e9\uffff\ud83d\ude00\ue000~";
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = rnd.nextInt(6);
            for (int j = 0; j < n; j++) {
                int c = rnd.nextInt(alphabet.length());
                if (Character.isSurrogate(alphabet.charAt(c))) {
                    b.append("\ud83d\ude00");
                } else {
                    b.append(alphabet.charAt(c));
                }
            }
            keys.add(b.toString());
        }
        for (int i = 1; i < keys.size(); i++) {
            String a = keys.get(i - 1);
            String b = keys.get(i);
            int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
            assertEquals(Integer.signum(bytes), Integer.signum(ObjectKey.compare(a, b)), a + " vs " + b);
        }
    }
}
