package io.lode.store.file;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectKey;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Lists the objects of a file store in key order, lazily: one directory is read (and sorted) only
 * when the walk reaches it, so memory holds one sorted directory per level of depth.
 *
 * <p>Key order is kept by sorting a directory's entries by their name, with {@code /} appended to
 * subdirectory names: every key below {@code d} starts with {@code d/}, and no other entry of
 * the directory does. Subtrees that lie entirely at or before {@code startAfter} are skipped
 * without being read, so paging through a large store costs one path down the tree per page.
 */
final class DirectoryWalk implements Iterator<ListedObject> {
    /** A directory entry, named by its key (with a trailing {@code /} for a directory). */
    private record Entry(String key, Path path, BasicFileAttributes attributes) {}

    private final String namePrefix;
    private final String startAfter;
    private final Deque<Iterator<Entry>> stack = new ArrayDeque<>();
    private ListedObject next;

    /**
     * @param root the store's root
     * @param prefix the listing prefix, already checked
     * @param startAfter the key to list after, or null
     */
    DirectoryWalk(Path root, String prefix, String startAfter) {
        this.startAfter = startAfter;
        int slash = prefix.lastIndexOf('/');
        String directoryKey = prefix.substring(0, slash + 1);
        this.namePrefix = prefix.substring(slash + 1);
        Path start = directoryKey.isEmpty() ? root : root.resolve(directoryKey);
        stack.push(read(start, directoryKey, true).iterator());
    }

    @Override
    public boolean hasNext() {
        while (next == null && !stack.isEmpty()) {
            Iterator<Entry> level = stack.peek();
            if (!level.hasNext()) {
                stack.pop();
                continue;
            }
            Entry e = level.next();
            if (e.attributes().isDirectory()) {
                stack.push(read(e.path(), e.key(), false).iterator());
            } else {
                next = new ListedObject(e.key(), e.attributes().size(), e.attributes().lastModifiedTime().toInstant());
            }
        }
        return next != null;
    }

    @Override
    public ListedObject next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ListedObject result = next;
        next = null;
        return result;
    }

    /** The entries of one directory that can hold keys of the listing, in key order. */
    private List<Entry> read(Path directory, String directoryKey, boolean first) {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.startsWith(ObjectKey.RESERVED_SEGMENT_PREFIX) || (first && !name.startsWith(namePrefix))) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException deletedMeanwhile) {
                    continue;
                }
                if (!attributes.isDirectory() && !attributes.isRegularFile()) {
                    continue;
                }
                String key = directoryKey + name + (attributes.isDirectory() ? "/" : "");
                if (startAfter == null || isAfterStart(key, attributes.isDirectory())) {
                    entries.add(new Entry(key, child, attributes));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot list " + directory + ": " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparing(Entry::key, ObjectKey.ORDER));
        return entries;
    }

    /** Whether an entry holds keys after {@code startAfter}. */
    private boolean isAfterStart(String key, boolean directory) {
        if (!directory) {
            return ObjectKey.compare(key, startAfter) > 0;
        }
        // Keys below a directory all start with key (which ends in '/'): they can follow
        // startAfter only if startAfter is inside the directory or sorts before it.
        return startAfter.startsWith(key) || ObjectKey.compare(key, startAfter) > 0;
    }
}
