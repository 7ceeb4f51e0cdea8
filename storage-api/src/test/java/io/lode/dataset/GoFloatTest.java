package io.lode.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lode.LodeConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Floats in JSONL are the bytes Go's encoding/json writes (values checked against Go's rules). */
class GoFloatTest {
    static String encoded(Object v) {
        try (LodeConnection c = Backend.MEM.connect()) {
            Dataset ds = c.dataset("f", DatasetOptions.defaults().withCodec(Codecs.jsonl()));
            FileRef f = ds.write(List.of(Map.of("v", v)), null).manifest().files().getFirst();
            String line = new String(c.store().get(f.path()).bytes(), StandardCharsets.UTF_8);
            return line.substring("{\"v\":".length(), line.length() - "}\n".length());
        }
    }

    @Test
    void floatsAreWrittenAsGoWritesThem() {
        assertEquals("2", encoded(2.0));
        assertEquals("-0.5", encoded(-0.5));
        assertEquals("0.1", encoded(0.1));
        assertEquals("123.456", encoded(123.456));
        assertEquals("0.000001", encoded(0.000001));
        assertEquals("1e-7", encoded(1e-7));
        assertEquals("1.5e-7", encoded(1.5e-7));
        assertEquals("1.2345e-10", encoded(1.2345e-10));
        assertEquals("100000000000000000000", encoded(1e20));
        assertEquals("1e+21", encoded(1e21));
        assertEquals("1.7976931348623157e+308", encoded(Double.MAX_VALUE));
        assertEquals("5e-324", encoded(Double.MIN_VALUE));
        assertEquals("0.1", encoded(0.1f), "a float keeps float precision, as Go's float32");
        assertEquals("0", encoded(0.0));
        assertEquals("12", encoded(12L));
    }
}
