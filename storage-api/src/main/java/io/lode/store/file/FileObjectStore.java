package io.lode.store.file;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectInfo;
import io.lode.spi.ObjectKey;
import io.lode.spi.ObjectRanges;
import io.lode.spi.ObjectStore;
import io.lode.spi.ObjectStream;
import io.lode.spi.PutMode;
import io.lode.store.ContentEtag;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Objects as files below a root directory; keys arrive already checked.
 *
 * <p>Every object version is a file written once and never modified: a publish writes a temporary
 * file in the target directory, fsyncs it, and then either links it to the key
 * ({@link PutMode#CREATE}: {@code link(2)} fails if the key exists, so exactly one of any number of
 * creators wins, across processes) or renames it over the key (replacing writes, under the
 * {@link DirectoryLock}). Readers therefore see a whole version or none.
 *
 * <p>The etag is the {@link ContentEtag} of the content. It is computed while the file is written
 * and kept in the file's {@code user.lode.etag} extended attribute, so reading it costs no pass over
 * the content; on a file system without user attributes, or for a file that another program put
 * there, it is computed from the content when asked for.
 */
final class FileObjectStore implements ObjectStore {
    private static final String TEMP_PREFIX = ObjectKey.RESERVED_SEGMENT_PREFIX + "tmp-";
    private static final String ETAG_ATTRIBUTE = "lode.etag";
    private static final int COPY_BUFFER = 1 << 20;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** A read is retried when the key is replaced under it; this bounds the retries. */
    private static final int READ_ATTEMPTS = 16;

    private final Path root;
    private final boolean fsync;
    private volatile boolean etagAttributesSupported = true;

    FileObjectStore(Path root, boolean fsync) {
        this.root = root;
        this.fsync = fsync;
    }

    // ---------------------------------------------------------------------------------- reads

    @Override
    public ObjectBytes get(String key) {
        try (OpenVersion v = openVersion(key)) {
            if (v.info().size() > MAX_ARRAY) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "object '" + key + "' has "
                        + v.info().size() + " bytes, too many for one array; read it with openStream");
            }
            return new ObjectBytes(v.info(), readFully(v.channel(), 0, (int) v.info().size(), key));
        } catch (IOException e) {
            throw io("read", key, e);
        }
    }

    @Override
    public ObjectBytes getRange(String key, long offset, long length) {
        try (OpenVersion v = openVersion(key)) {
            return new ObjectBytes(v.info(), readRange(v.channel(), v.info().size(), offset, length, key));
        } catch (IOException e) {
            throw io("read", key, e);
        }
    }

    /** Keeps the file open; see {@link FileRanges}. */
    @Override
    public ObjectRanges openRanges(String key) {
        return new FileRanges(key, this::openVersionForRanges);
    }

    /** The open file and size of the version {@code key} names now, for {@link FileRanges}. */
    private FileRanges.Version openVersionForRanges(String key) {
        OpenVersion v = openVersion(key);
        return new FileRanges.Version(v.channel(), v.info().size());
    }

    /** Reads {@code length} bytes at {@code position} of an open file, or fewer at its end. */
    static byte[] readRange(FileChannel channel, long size, long offset, long length, String key) throws IOException {
        long from = Math.min(offset, size);
        return readFully(channel, from, (int) Math.min(length, size - from), key);
    }

    /** {@link #readRange(FileChannel, long, long, long, String)} into {@code buffer}: the slice of it read. */
    static MemorySegment readRange(FileChannel channel, long size, long offset, long length, MemorySegment buffer, String key)
            throws IOException {
        long from = Math.min(offset, size);
        MemorySegment into = buffer.asSlice(0, Math.min(length, size - from));
        fill(channel, from, into.asByteBuffer(), key);
        return into;
    }

    @Override
    public ObjectStream openStream(String key) {
        OpenVersion v = openVersion(key);
        return new ObjectStream(v.info(), Channels.newInputStream(v.channel()));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        try (OpenVersion v = openVersion(key)) {
            return Optional.of(v.info());
        } catch (LodeException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw io("read", key, e);
        }
    }

    /** An open file and the info of the version it holds. */
    private record OpenVersion(FileChannel channel, ObjectInfo info) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Opens the version the key names now. The path may be replaced between looking it up,
     * opening it and reading its etag, so the file's identity is read before and after: when they
     * differ the read starts over, and when they agree the open file and the etag are of the same
     * version (a version's file is never modified, only replaced by another file).
     */
    private OpenVersion openVersion(String key) {
        Path path = path(key);
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            BasicFileAttributes before = objectAttributes(path, key);
            FileChannel channel;
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                continue; // deleted or being replaced; look again
            } catch (IOException e) {
                throw io("open", key, e);
            }
            boolean keep = false;
            try {
                String etag = storedEtag(path);
                BasicFileAttributes after = attributesOrNull(path);
                if (after == null || !sameVersion(before, after)) {
                    continue;
                }
                if (etag == null) {
                    etag = hashContent(channel);
                }
                ObjectInfo info = new ObjectInfo(key, channel.size(), etag, before.lastModifiedTime().toInstant());
                keep = true;
                return new OpenVersion(channel, info);
            } catch (IOException e) {
                throw io("read", key, e);
            } finally {
                if (!keep) {
                    closeQuietly(channel);
                }
            }
        }
        throw new LodeException(ErrorCode.IO, "object '" + key + "' was replaced " + READ_ATTEMPTS
                + " times while being opened; try again", null, true);
    }

    private static BasicFileAttributes objectAttributes(Path path, String key) {
        BasicFileAttributes a = attributesOrNull(path);
        if (a == null || !a.isRegularFile()) {
            throw new LodeException(ErrorCode.NOT_FOUND, "object '" + key + "' not found");
        }
        return a;
    }

    private static BasicFileAttributes attributesOrNull(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot read the attributes of " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameVersion(BasicFileAttributes a, BasicFileAttributes b) {
        return a.isRegularFile() && b.isRegularFile()
                && java.util.Objects.equals(a.fileKey(), b.fileKey())
                && a.size() == b.size()
                && a.lastModifiedTime().equals(b.lastModifiedTime());
    }

    private static byte[] readFully(FileChannel channel, long position, int length, String key) throws IOException {
        byte[] bytes = new byte[length];
        fill(channel, position, ByteBuffer.wrap(bytes), key);
        return bytes;
    }

    /** Fills {@code buffer} from {@code position} of the file. */
    private static void fill(FileChannel channel, long position, ByteBuffer buffer, String key) throws IOException {
        long length = buffer.remaining();
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                // A published version never shrinks; a short file means someone else changed it.
                throw new LodeException(ErrorCode.CORRUPTION, "object '" + key + "' ended at byte " + at
                        + " although its size was " + (position + length) + "; was the file modified outside Lode?");
            }
            at += n;
        }
    }

    private static String hashContent(FileChannel channel) throws IOException {
        try (ContentEtag hash = new ContentEtag()) {
            byte[] chunk = new byte[(int) Math.min(COPY_BUFFER, Math.max(1, channel.size()))];
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            long at = 0;
            int n;
            while ((n = channel.read(buffer.clear(), at)) > 0) {
                hash.update(chunk, 0, n);
                at += n;
            }
            return hash.etag();
        }
    }

    // --------------------------------------------------------------------------------- writes

    @Override
    public String put(String key, ObjectBody body, PutMode mode) {
        Path target = path(key);
        Path directory = target.getParent();
        ensureDirectory(directory, key);
        Path temp = directory.resolve(TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            String etag = writeTemp(temp, key, body);
            switch (mode) {
                case PutMode.Create c -> publishNew(temp, target, key);
                case PutMode.Overwrite o -> DirectoryLock.with(directory, () -> replace(temp, target, key));
                case PutMode.IfMatch m -> DirectoryLock.with(directory, () -> {
                    String current = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) ? currentEtag(target) : null;
                    if (!m.etag().equals(current)) {
                        throw new LodeException(ErrorCode.PRECONDITION_FAILED, "object '" + key + "' "
                                + (current == null ? "does not exist" : "is not at version " + m.etag()));
                    }
                    return replace(temp, target, key);
                });
            }
            Files.deleteIfExists(temp);
            syncDirectory(directory);
            return etag;
        } catch (IOException e) {
            throw io("write", key, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // A leftover temporary file is invisible to readers and listings.
            }
        }
    }

    /** Writes the body to a new temporary file, durably; returns its etag. */
    private String writeTemp(Path temp, String key, ObjectBody body) throws IOException {
        long declared = body.length();
        InputStream in = body.openStream();
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ContentEtag hash = new ContentEtag()) {
            byte[] chunk = new byte[(int) (declared >= 0 ? Math.clamp(declared, 1, COPY_BUFFER) : COPY_BUFFER)];
            long total = 0;
            int n;
            while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                hash.update(chunk, 0, n);
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                total += n;
                if (declared >= 0 && total > declared) {
                    break;
                }
            }
            if (declared >= 0 && total != declared) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the body of '" + key + "' holds "
                        + (total > declared ? "more than" : "only " + total + " of") + " the declared " + declared + " bytes");
            }
            String etag = hash.etag();
            storeEtag(temp, etag);
            if (fsync) {
                out.force(true);
            }
            return etag;
        } finally {
            if (!(body instanceof ObjectBody.Stream)) {
                in.close();
            }
        }
    }

    private void publishNew(Path temp, Path target, String key) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw prefixConflict(key);
            }
            throw new LodeException(ErrorCode.PATH_EXISTS, "object '" + key + "' already exists");
        }
    }

    private Void replace(Path temp, Path target, String key) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw prefixConflict(key);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return null;
    }

    /** The etag of the current version; called under the directory lock, where it cannot change. */
    private String currentEtag(Path target) throws IOException {
        String etag = storedEtag(target);
        if (etag != null) {
            return etag;
        }
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ)) {
            return hashContent(channel);
        }
    }

    @Override
    public void delete(String key) {
        Path target = path(key);
        Path directory = target.getParent();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            boolean deleted = DirectoryLock.with(directory, () ->
                    Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(target));
            if (deleted) {
                syncDirectory(directory);
            }
        } catch (NoSuchFileException e) {
            // the directory went away: nothing to delete
        } catch (IOException e) {
            throw io("delete", key, e);
        }
    }

    /** Creates the directories down to {@code directory}, each made durable in its parent. */
    private void ensureDirectory(Path directory, String key) {
        if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (directory.equals(root)) {
            throw new LodeException(ErrorCode.NOT_FOUND, "the store's root directory " + root
                    + " no longer exists; Lode does not re-create it");
        }
        ensureDirectory(directory.getParent(), key);
        try {
            Files.createDirectory(directory);
            syncDirectory(directory.getParent());
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw prefixConflict(key);
            }
        } catch (IOException e) {
            throw io("create the directory of", key, e);
        }
    }

    private void syncDirectory(Path directory) throws IOException {
        if (fsync) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    // ------------------------------------------------------------------------ etag attribute

    private void storeEtag(Path file, String etag) {
        if (!etagAttributesSupported) {
            return;
        }
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
            if (view == null) {
                etagAttributesSupported = false;
                return;
            }
            view.write(ETAG_ATTRIBUTE, StandardCharsets.US_ASCII.encode(etag));
        } catch (IOException | UnsupportedOperationException e) {
            // No user attributes here (e.g. an old tmpfs): etags will be computed from content.
            etagAttributesSupported = false;
        }
    }

    /** The etag kept with the file, or null when there is none. */
    private String storedEtag(Path file) {
        if (!etagAttributesSupported) {
            return null;
        }
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
            if (view == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate(64);
            view.read(ETAG_ATTRIBUTE, buffer);
            return StandardCharsets.US_ASCII.decode(buffer.flip()).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null; // absent (ENODATA), unsupported, or the file is gone: callers re-check
        }
    }

    // -------------------------------------------------------------------------------- listing

    @Override
    public Stream<ListedObject> list(String prefix, String startAfter) {
        DirectoryWalk walk = new DirectoryWalk(root, prefix, startAfter);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walk,
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL), false);
    }

    @Override
    public boolean isValid(Duration timeout) {
        return Files.isDirectory(root) && Files.isWritable(root);
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    @Override
    public String toString() {
        return "file store at " + root;
    }

    // ---------------------------------------------------------------------------------- paths

    private Path path(String key) {
        return root.resolve(key);
    }

    private static LodeException prefixConflict(String key) {
        return new LodeException(ErrorCode.INVALID_PATH, "key '" + key + "' cannot be stored: it, or one of its"
                + " prefixes, is both an object and a directory of other objects; a file store cannot hold both");
    }

    static LodeException io(String action, String key, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new LodeException(ErrorCode.ACCESS_DENIED, "permission denied to " + action + " object '" + key + "': "
                    + e.getMessage() + "; check the directory's owner and permissions", e, false);
        }
        String detail = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        return new LodeException(ErrorCode.IO, "cannot " + action + " object '" + key + "': " + detail, e);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
