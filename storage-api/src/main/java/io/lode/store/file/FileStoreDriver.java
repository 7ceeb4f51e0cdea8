package io.lode.store.file;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.spi.ObjectStore;
import io.lode.spi.StoreDriver;
import io.lode.store.StoreSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * {@code lode:file:/absolute/dir} (or {@code lode:file:///absolute/dir}): a store in a local
 * directory that must already exist. Percent-encode characters a URI cannot hold, as
 * {@link Path#toUri()} does ({@code lode:file:/tmp/my%20data}).
 *
 * <p>Setting (query parameter or property): {@code fsync} (default {@code true}) makes every
 * publish durable before it returns; turn it off only for scratch data.
 */
public final class FileStoreDriver implements StoreDriver {
    private static final Set<String> SETTINGS = Set.of("fsync");

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public ObjectStore open(URI uri, Properties properties) {
        String url = "lode:" + uri;
        if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT,
                    "the file store URL " + url + " must name an absolute directory, e.g. lode:file:/var/data/demo");
        }
        if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the file store URL " + url
                    + " names a host ('" + uri.getRawAuthority() + "'); only local directories are supported: lode:file:/dir or lode:file:///dir");
        }
        if (uri.getRawFragment() != null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the file store URL " + url + " must not have a fragment ('#')");
        }
        StoreSettings settings = new StoreSettings(url, uri.getRawQuery(), properties, SETTINGS);
        Path root;
        try {
            root = Path.of(uri.getPath());
        } catch (InvalidPathException e) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the file store URL " + url + " is not a valid path: " + e.getMessage(), e);
        }
        if (!Files.exists(root)) {
            throw new LodeException(ErrorCode.NOT_FOUND, "the root directory " + root
                    + " of " + url + " does not exist; create it first (Lode never creates a store's root)");
        }
        if (!Files.isDirectory(root)) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the root " + root + " of " + url + " is not a directory");
        }
        try {
            return new FileObjectStore(root.toRealPath(), settings.bool("fsync", true));
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot open the root directory " + root + ": " + e.getMessage(), e);
        }
    }
}
