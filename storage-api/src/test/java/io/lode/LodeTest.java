package io.lode;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.spi.StoreDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LodeTest {
    @TempDir
    Path dir;

    @Test
    void theFileAndMemoryDriversAreInstalled() {
        assertEquals(List.of("file", "mem", "s3"), Lode.drivers().stream().map(StoreDriver::scheme).sorted().toList());
    }

    @Test
    void fileUrlsAcceptOneOrThreeSlashesAndPercentEncoding() throws Exception {
        Path spaced = Files.createDirectory(dir.resolve("my data"));
        for (String url : List.of("lode:file:" + dir, "lode:file://" + dir, "lode:" + spaced.toUri(),
                "lode:file:" + dir + "/")) {
            try (LodeConnection c = Lode.connect(url)) {
                assertTrue(c.isValid(Duration.ofSeconds(1)), url);
                assertEquals(url, c.url());
            }
        }
        try (LodeConnection c = Lode.connect("lode:" + spaced.toUri())) {
            c.store().put("k", new byte[] {1});
        }
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(spaced.resolve("k")));
    }

    @Test
    void badUrlsAreRejectedWithAMessageNamingTheProblem() {
        assertTrue(assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("jdbc:h2:mem:x")).getMessage().contains("not a Lode URL"));
        assertTrue(assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:nothing")).getMessage().contains("names no scheme"));
        assertTrue(assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:ftp://host/x")).getMessage().contains("unknown scheme 'ftp'"));
        assertTrue(assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:file:" + dir + "/with space")).getMessage().contains("percent-encode"));
        assertTrue(assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:file:relative/dir")).getMessage().contains("absolute"));
        assertTrue(assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:file://somehost/data")).getMessage().contains("host"));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:mem:"));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:mem:x", null));
    }

    @Test
    void secretsInAUrlNeverAppearInItsConnectionOrItsFailures() {
        String secret = "s3cr3t-V4lue";
        String url = "lode:s3://bucket/p?region=us-east-1&accessKeyId=AKIDEXAMPLE&secretAccessKey=" + secret
                + "&sessionToken=" + secret + "&endpoint=http://127.0.0.1:1&requestTimeout=PT2S&maxRetries=0";
        try (LodeConnection c = Lode.connect(url)) {
            assertFalse(c.url().contains(secret), c.url());
            assertTrue(c.url().contains("secretAccessKey=REDACTED&sessionToken=REDACTED"), c.url());
            assertFalse(c.toString().contains(secret) || c.store().toString().contains(secret), c::toString);
            LodeException e = org.junit.jupiter.api.Assertions.assertThrows(LodeException.class, () -> c.store().get("k"));
            assertFalse(e.toString().contains(secret), e::toString);
        }
        LodeException unknown = assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect(url + "&typo=1"));
        assertFalse(unknown.getMessage().contains(secret), unknown.getMessage());
        assertFalse(assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:nope://u:" + secret + "@host/x?token=" + secret))
                .getMessage().contains(secret));
    }

    @Test
    void aMissingOrNonDirectoryRootIsNamed() throws Exception {
        Path missing = dir.resolve("missing");
        LodeException e = assertFails(ErrorCode.NOT_FOUND, () -> Lode.connect("lode:file:" + missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(false, Files.exists(missing), "no implicit provisioning");
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        e = assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:file:" + file));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    void errorCodesSayWhatIsRetryable() {
        assertTrue(new LodeException(ErrorCode.IO, "x").retryable());
        assertEquals(false, new LodeException(ErrorCode.PATH_EXISTS, "x").retryable());
        assertEquals(false, new LodeException(ErrorCode.IO, "x", null, false).retryable());
    }
}
