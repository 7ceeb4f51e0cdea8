package io.lode.spi;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ObjectStore} driver must have. A driver's test extends this class and
 * says how to open a fresh, empty store.
 */
public abstract class ObjectStoreContract {
    /** A fresh connection to an empty store. */
    protected abstract LodeConnection connect() throws Exception;

    /** Whether concurrent {@link PutMode#ifMatch} writes on one key are atomic on this store. */
    protected boolean ifMatchIsAtomicUnderConcurrency() {
        return true;
    }

    protected LodeConnection connection;
    protected ObjectStore store;

    @TempDir
    Path scratch;

    @BeforeEach
    void open() throws Exception {
        connection = connect();
        store = connection.store();
    }

    @AfterEach
    void close() {
        connection.close();
    }

    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------- create / get

    @Test
    void createThenGetReturnsTheBytesAndInfo() {
        String etag = store.put("a/b/c.txt", utf8("hello"));
        ObjectBytes read = store.get("a/b/c.txt");
        assertArrayEquals(utf8("hello"), read.bytes());
        assertEquals("a/b/c.txt", read.info().key());
        assertEquals(5, read.info().size());
        assertEquals(etag, read.info().etag());
        assertEquals(Optional.of(read.info()), store.head("a/b/c.txt"));
    }

    @Test
    void createNeverOverwrites() {
        store.put("k", utf8("first"));
        assertFails(ErrorCode.PATH_EXISTS, () -> store.put("k", utf8("second")));
        assertFails(ErrorCode.PATH_EXISTS, () -> store.put("k", ObjectBody.of(utf8("second")), PutMode.CREATE));
        assertArrayEquals(utf8("first"), store.get("k").bytes());
    }

    @Test
    void aCreateThatMeetsExactlyItsOwnContentSucceedsAsARetriedCreateMust(@TempDir Path dir) throws Exception {
        String etag = store.put("own", utf8("the same bytes"));
        assertEquals(etag, store.put("own", utf8("the same bytes")), "an array body");
        assertEquals(etag, store.put("own", ObjectBody.ofStream(new java.io.ByteArrayInputStream(utf8("the same bytes")), -1),
                PutMode.CREATE), "a stream body, hashed as it is sent");
        Path file = Files.write(dir.resolve("body"), utf8("the same bytes"));
        assertEquals(etag, store.put("own", ObjectBody.ofFile(file), PutMode.CREATE), "a file body");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, utf8("the same bytes"));
            assertEquals(etag, store.put("own", ObjectBody.of(segment), PutMode.CREATE), "a segment body");
        }
        assertArrayEquals(utf8("the same bytes"), store.get("own").bytes());
    }

    @Test
    void aCreateThatMeetsOtherContentIsPathExistsEvenAtTheSameSize() {
        store.put("other", utf8("abc"));
        assertFails(ErrorCode.PATH_EXISTS, () -> store.put("other", utf8("abd")));
        assertFails(ErrorCode.PATH_EXISTS, () -> store.put("other", utf8("abcd")));
        assertFails(ErrorCode.PATH_EXISTS, () -> store.put("other",
                ObjectBody.ofStream(new java.io.ByteArrayInputStream(utf8("abx")), 3), PutMode.CREATE));
        assertFails(ErrorCode.PATH_EXISTS, () -> store.put("other", new byte[0]));
        assertArrayEquals(utf8("abc"), store.get("other").bytes());
        store.put("empty", new byte[0]);
        store.put("empty", new byte[0]);
        assertFails(ErrorCode.PATH_EXISTS, () -> store.put("empty", utf8("x")));
    }

    @Test
    void sixteenConcurrentCreatorsOfOneKeyHaveExactlyOneWinner() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                String key = "race/" + round;
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    byte[] body = utf8("writer " + t);
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            store.put(key, body);
                            return true;
                        } catch (LodeException e) {
                            assertEquals(ErrorCode.PATH_EXISTS, e.code(), e::toString);
                            return false;
                        }
                    }));
                }
                int winners = 0;
                String winner = null;
                for (int t = 0; t < threads; t++) {
                    if (outcomes.get(t).get()) {
                        winners++;
                        winner = "writer " + t;
                    }
                }
                assertEquals(1, winners, "round " + round);
                assertEquals(winner, new String(store.get(key).bytes(), StandardCharsets.UTF_8));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingKeysAreNotFound() {
        assertFails(ErrorCode.NOT_FOUND, () -> store.get("nope"));
        assertFails(ErrorCode.NOT_FOUND, () -> store.getRange("nope", 0, 1));
        assertFails(ErrorCode.NOT_FOUND, () -> store.openStream("nope"));
        assertEquals(Optional.empty(), store.head("nope"));
        assertEquals(Optional.empty(), store.find("nope"));
    }

    @Test
    void findReadsAPresentObjectWhole() {
        String etag = store.put("found", "here".getBytes(StandardCharsets.UTF_8));
        ObjectBytes found = store.find("found").orElseThrow();
        assertEquals("here", new String(found.bytes(), StandardCharsets.UTF_8));
        assertEquals(etag, found.info().etag());
    }

    @Test
    void emptyObjectsRoundTrip() {
        store.put("empty", new byte[0]);
        assertEquals(0, store.get("empty").bytes().length);
        assertEquals(0, store.head("empty").orElseThrow().size());
        assertEquals(0, store.getRange("empty", 0, 10).bytes().length);
    }

    @Test
    void binaryContentAndEveryBodyKindRoundTrip() throws Exception {
        byte[] all = new byte[256 * 3];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        store.put("bytes", all);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment native_ = arena.allocate(all.length);
            MemorySegment.copy(MemorySegment.ofArray(all), 0, native_, 0, all.length);
            store.put("segment", ObjectBody.of(native_), PutMode.CREATE);
        }
        Path file = scratch.resolve("upload.bin");
        Files.write(file, all);
        store.put("file", ObjectBody.ofFile(file), PutMode.CREATE);
        store.put("stream", ObjectBody.ofStream(new java.io.ByteArrayInputStream(all), all.length), PutMode.CREATE);
        store.put("stream-unknown-length", ObjectBody.ofStream(new java.io.ByteArrayInputStream(all), -1), PutMode.CREATE);
        for (String key : List.of("bytes", "segment", "file", "stream", "stream-unknown-length")) {
            assertArrayEquals(all, store.get(key).bytes(), key);
        }
        assertEquals(store.head("bytes").orElseThrow().etag(), store.head("file").orElseThrow().etag(),
                "equal content, equal etag");
    }

    @Test
    void aStreamShorterOrLongerThanDeclaredFailsAndPublishesNothing() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> store.put("short",
                ObjectBody.ofStream(new java.io.ByteArrayInputStream(new byte[10]), 11), PutMode.CREATE));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> store.put("long",
                ObjectBody.ofStream(new java.io.ByteArrayInputStream(new byte[10]), 9), PutMode.CREATE));
        assertEquals(List.of(), store.list("").toList());
    }

    @Test
    void uploadingAMissingFileIsAnInvalidArgument() {
        assertFails(ErrorCode.INVALID_ARGUMENT,
                () -> store.put("k", ObjectBody.ofFile(scratch.resolve("absent")), PutMode.CREATE));
    }

    // ---------------------------------------------------------------------------- if-match

    @Test
    void ifMatchSucceedsOnTheCurrentEtagAndFailsOnAStaleOne() {
        String v1 = store.put("cas", utf8("one"));
        String v2 = store.put("cas", ObjectBody.of(utf8("two")), PutMode.ifMatch(v1));
        assertNotEquals(v1, v2);
        assertArrayEquals(utf8("two"), store.get("cas").bytes());
        assertEquals(v2, store.head("cas").orElseThrow().etag());
        assertFails(ErrorCode.PRECONDITION_FAILED, () -> store.put("cas", ObjectBody.of(utf8("three")), PutMode.ifMatch(v1)));
        assertArrayEquals(utf8("two"), store.get("cas").bytes());
    }

    @Test
    void ifMatchOnAMissingKeyFails() {
        assertFails(ErrorCode.PRECONDITION_FAILED, () -> store.put("absent", ObjectBody.of(utf8("x")), PutMode.ifMatch("anything")));
        assertEquals(Optional.empty(), store.head("absent"));
    }

    @Test
    void overwriteReplacesOrCreates() {
        store.put("o", ObjectBody.of(utf8("one")), PutMode.OVERWRITE);
        store.put("o", ObjectBody.of(utf8("two")), PutMode.OVERWRITE);
        assertArrayEquals(utf8("two"), store.get("o").bytes());
    }

    @Test
    void concurrentCompareAndSwapLosesNoUpdate() throws Exception {
        if (!ifMatchIsAtomicUnderConcurrency()) {
            return; // this store documents If-Match as check-then-write; see the driver's docs
        }
        store.put("counter", utf8("0"));
        int threads = 8;
        int increments = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        while (true) {
                            ObjectBytes current = store.get("counter");
                            int n = Integer.parseInt(new String(current.bytes(), StandardCharsets.UTF_8));
                            try {
                                store.put("counter", ObjectBody.of(utf8(Integer.toString(n + 1))), PutMode.ifMatch(current.info().etag()));
                                break;
                            } catch (LodeException e) {
                                assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Integer.toString(threads * increments), new String(store.get("counter").bytes(), StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------ ranges

    @Test
    void rangeReadsReturnWhatExists() {
        store.put("hw", utf8("hello world"));
        store.put("h", utf8("hello"));
        assertArrayEquals(utf8("world"), store.getRange("hw", 6, 5).bytes());
        assertEquals(11, store.getRange("hw", 6, 5).info().size());
        assertArrayEquals(utf8("lo"), store.getRange("h", 3, 100).bytes());
        assertArrayEquals(new byte[0], store.getRange("h", 100, 10).bytes());
        assertArrayEquals(new byte[0], store.getRange("h", 5, 1).bytes());
        assertArrayEquals(new byte[0], store.getRange("h", 2, 0).bytes());
        assertArrayEquals(utf8("hello"), store.getRange("h", 0, Integer.MAX_VALUE - 8).bytes());
    }

    @Test
    void anObjectOpenedForRangesReadsAsGetRangeDoesUntilClosed() {
        store.put("hw", utf8("hello world"));
        try (ObjectRanges ranges = store.openRanges("hw")) {
            assertArrayEquals(utf8("world"), ranges.read(6, 5).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            assertArrayEquals(utf8("hello"), ranges.read(0, 5).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            assertArrayEquals(utf8("ld"), ranges.read(9, 100).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            assertEquals(0, ranges.read(11, 10).byteSize());
            assertFails(ErrorCode.INVALID_PATH, () -> ranges.read(-1, 1));
            assertFails(ErrorCode.INVALID_PATH, () -> ranges.read(Long.MAX_VALUE, 10));
            ranges.close();
            ranges.close();
        }
        assertFails(ErrorCode.NOT_FOUND, () -> {
            try (ObjectRanges missing = store.openRanges("nope")) {
                missing.read(0, 1);
            }
        });
        ObjectRanges open = store.openRanges("hw");
        open.read(0, 1);
        connection.close();
        assertFails(ErrorCode.CLOSED, () -> open.read(0, 1));
        assertFails(ErrorCode.CLOSED, () -> store.openRanges("hw"));
    }

    @Test
    void negativeOrOverflowingRangesAreInvalidPaths() {
        store.put("h", utf8("hello"));
        assertFails(ErrorCode.INVALID_PATH, () -> store.getRange("h", -1, 1));
        assertFails(ErrorCode.INVALID_PATH, () -> store.getRange("h", 0, -1));
        assertFails(ErrorCode.INVALID_PATH, () -> store.getRange("h", Long.MAX_VALUE - 10, 20));
        assertFails(ErrorCode.INVALID_PATH, () -> store.getRange("h", 0, Long.MAX_VALUE));
        assertFails(ErrorCode.INVALID_PATH, () -> store.getRange("h", Long.MIN_VALUE, 1));
    }

    // ------------------------------------------------------------------------------- paths

    static final List<String> INVALID_KEYS = List.of("", ".", "..", "../x", "a/../../b", "a/./b", "/abs", "a/",
            "a//b", "a\\b", "a\u0000b", "x/.lode-tmp", "\uD800", "k".repeat(256), "a/".repeat(600) + "b");

    @Test
    void invalidKeysAreRejectedByEveryOperation() {
        for (String key : INVALID_KEYS) {
            String shown = key.length() > 20 ? key.substring(0, 20) + "..." : key;
            assertFails(ErrorCode.INVALID_PATH, () -> store.get(key));
            assertFails(ErrorCode.INVALID_PATH, () -> store.getRange(key, 0, 1));
            assertFails(ErrorCode.INVALID_PATH, () -> store.openStream(key));
            assertFails(ErrorCode.INVALID_PATH, () -> store.head(key));
            assertFails(ErrorCode.INVALID_PATH, () -> store.put(key, utf8("x")));
            assertFails(ErrorCode.INVALID_PATH, () -> store.put(key, ObjectBody.of(utf8("x")), PutMode.OVERWRITE));
            assertFails(ErrorCode.INVALID_PATH, () -> store.delete(key));
            assertEquals(List.of(), store.list("").toList(), "nothing was written for " + shown);
        }
        assertFails(ErrorCode.INVALID_PATH, () -> store.get(null));
        assertFails(ErrorCode.INVALID_PATH, () -> store.list(null));
        for (String prefix : List.of("../", "/abs", "a\\", "a\u0000", "./", "a//", "x/../")) {
            assertFails(ErrorCode.INVALID_PATH, () -> store.list(prefix));
        }
    }

    @Test
    void nullArgumentsAreInvalidArguments() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> store.put("k", (ObjectBody) null, PutMode.CREATE));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> store.put("k", ObjectBody.of(new byte[1]), null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ObjectBody.of((byte[]) null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> PutMode.ifMatch(null));
    }

    @Test
    void unusualButValidKeysRoundTrip() {
        List<String> keys = List.of("with space", "percent%20sign", "q?x=1&y=2", "hash#frag", "ünïcödé/名前",
                "emoji/😀", "..dots", ".hidden", "tab\tand\nnewline", "a/b/c/d/e/f/g/h", "k".repeat(255));
        for (String key : keys) {
            store.put(key, utf8(key));
        }
        for (String key : keys) {
            assertArrayEquals(utf8(key), store.get(key).bytes(), key);
        }
        assertEquals(keys.stream().sorted(ObjectKey.ORDER).toList(), store.list("").map(ListedObject::key).toList());
    }

    // ------------------------------------------------------------------------------ listing

    @Test
    void aPrefixIsAStringPrefixButADirectoryPrefixStopsAtItsSlash() {
        // (no key is both an object and a prefix of others: a file store cannot hold both)
        for (String key : List.of("a/b/x", "a/b/y/z", "a/bc/x", "a/b.txt", "a/b-c", "a/a", "b")) {
            store.put(key, utf8(key));
        }
        assertEquals(List.of("a/b/x", "a/b/y/z"), keys("a/b/", null));
        assertEquals(List.of("a/b-c", "a/b.txt", "a/b/x", "a/b/y/z", "a/bc/x"), keys("a/b", null));
        assertEquals(List.of("a/a", "a/b-c", "a/b.txt", "a/b/x", "a/b/y/z", "a/bc/x", "b"), keys("", null));
        assertEquals(List.of(), keys("a/bd", null));
        assertEquals(List.of(), keys("zzz/", null));
        assertEquals(List.of("a/b/y/z", "a/bc/x"), keys("a/b", "a/b/x"));
        assertEquals(List.of("a/bc/x"), keys("a/", "a/b/y/z"));
        assertEquals(List.of("a/b/y/z", "a/bc/x", "b"), keys("", "a/b/y"));
        assertEquals(List.of("a/b.txt", "a/b/x", "a/b/y/z", "a/bc/x"), keys("a/b", "a/b-c"));
        ListedObject first = store.list("a/b/").findFirst().orElseThrow();
        assertEquals(5, first.size());
    }

    @Test
    void listingFiveThousandKeysIsOrderedAndPagesWithStartAfter() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // spread over directories and names so that directory order and key order differ
            String key = "many/" + (i % 7 == 0 ? "d" + (i % 13) + "/" : "") + "k" + Integer.toString(i * 7919 % 10007, 36);
            store.put(key, new byte[i % 3]);
            expected.add(key);
        }
        expected.sort(ObjectKey.ORDER);
        assertEquals(expected, keys("many/", null));

        List<String> paged = new ArrayList<>();
        String after = null;
        while (true) {
            List<String> page;
            try (Stream<ListedObject> s = store.list("many/", after)) {
                page = s.limit(1000).map(ListedObject::key).toList();
            }
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            after = page.getLast();
        }
        assertEquals(expected, paged);
    }

    private List<String> keys(String prefix, String startAfter) {
        try (Stream<ListedObject> s = store.list(prefix, startAfter)) {
            return s.map(ListedObject::key).toList();
        }
    }

    // ------------------------------------------------------------------------------- delete

    @Test
    void deleteIsIdempotent() {
        store.put("d", utf8("x"));
        store.delete("d");
        store.delete("d");
        store.delete("never/existed");
        assertEquals(Optional.empty(), store.head("d"));
        store.put("d", utf8("again"));
        assertArrayEquals(utf8("again"), store.get("d").bytes());
    }

    // --------------------------------------------------------------------------- large objects

    @Test
    void aReaderNeverSeesAPartialObject() throws Exception {
        long size = 64L << 20;
        AtomicBoolean written = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger observedMissing = new AtomicInteger();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                while (true) {
                    boolean finished = written.get();
                    Optional<ObjectInfo> info = store.head("big");
                    if (info.isPresent()) {
                        assertEquals(size, info.get().size(), "head saw a partial object");
                        ObjectBytes tail = store.getRange("big", size - 8, 8);
                        assertArrayEquals(PatternStream.bytesAt(size - 8, 8), tail.bytes());
                        return;
                    }
                    observedMissing.incrementAndGet();
                    if (finished) {
                        throw new AssertionError("the object never appeared");
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        store.put("big", ObjectBody.ofStream(new PatternStream(size), size), PutMode.CREATE);
        written.set(true);
        reader.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(observedMissing.get() > 0, "the reader polled while the object was being written");
    }

    @Test
    void twoHundredMebibytesRoundTripStreamed() throws Exception {
        long size = 200L << 20;
        store.put("huge", ObjectBody.ofStream(new PatternStream(size), size), PutMode.CREATE);
        assertEquals(size, store.head("huge").orElseThrow().size());
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        new PatternStream(size).transferTo(new DigestSink(expected));
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        try (ObjectStream in = store.openStream("huge")) {
            assertEquals(size, in.info().size());
            assertEquals(size, in.transferTo(new DigestSink(actual)));
        }
        assertArrayEquals(expected.digest(), actual.digest());
        assertArrayEquals(PatternStream.bytesAt(123_456_789, 100), store.getRange("huge", 123_456_789, 100).bytes());
    }

    /** Deterministic content of any length, generated on the fly: position i holds a hash of i. */
    static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        static byte byteAt(long i) {
            long x = i * 0x9E3779B97F4A7C15L;
            return (byte) (x >>> 56 ^ x >>> 29);
        }

        static byte[] bytesAt(long from, int n) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = byteAt(from + i);
            }
            return b;
        }

        @Override
        public int read() {
            return position < size ? byteAt(position++) & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = byteAt(position + i);
            }
            position += n;
            return n;
        }
    }

    /** An output stream that only digests what it is given. */
    static final class DigestSink extends OutputStream {
        private final MessageDigest digest;

        DigestSink(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }
    }

    // ------------------------------------------------------------------------ close, validity

    @Test
    void aClosedStoreRefusesEveryCall() {
        store.put("k", utf8("x"));
        assertTrue(connection.isValid(Duration.ofSeconds(5)));
        connection.close();
        connection.close();
        assertFalse(connection.isValid(Duration.ofSeconds(5)));
        assertFails(ErrorCode.CLOSED, () -> store.get("k"));
        assertFails(ErrorCode.CLOSED, () -> store.getRange("k", 0, 1));
        assertFails(ErrorCode.CLOSED, () -> store.openStream("k"));
        assertFails(ErrorCode.CLOSED, () -> store.head("k"));
        assertFails(ErrorCode.CLOSED, () -> store.put("k2", utf8("x")));
        assertFails(ErrorCode.CLOSED, () -> store.delete("k"));
        assertFails(ErrorCode.CLOSED, () -> store.list(""));
    }
}
