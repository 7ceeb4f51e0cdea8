package io.lode;

import io.lode.internal.Require;
import io.lode.spi.ObjectStore;
import io.lode.spi.StoreDriver;
import io.lode.store.StoreSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The entry point: opens a {@link LodeConnection} from a URL, the way {@code DriverManager} opens a
 * JDBC connection.
 *
 * <h2>URLs</h2>
 * <pre>
 *   lode:file:/absolute/dir              a local directory, which must exist (also lode:file:///absolute/dir)
 *   lode:mem:name                        an in-memory store shared by name within the JVM
 *   lode:s3://bucket/prefix?region=..&amp;endpoint=..&amp;pathStyle=..   an S3 bucket prefix
 * </pre>
 * A URL is {@code lode:<scheme>:<rest>}; the {@link StoreDriver} of that scheme, found with
 * {@link ServiceLoader}, opens it. {@code <rest>} is a URI: percent-encode characters a URI cannot
 * hold, as {@link java.nio.file.Path#toUri()} does for paths ({@code lode:file:/tmp/my%20data}).
 * Driver settings come as query parameters or as {@link Properties}; a query parameter wins.
 *
 * <p>Every failure is a {@link LodeException}: a URL that is not a Lode URL or is malformed
 * ({@code INVALID_ARGUMENT}), a scheme no installed driver serves ({@code UNSUPPORTED} for
 * {@code s3} until its driver is installed, {@code INVALID_ARGUMENT} for unknown schemes), a
 * missing root ({@code NOT_FOUND}).
 */
public final class Lode {
    private static final String PREFIX = "lode:";
    /** Schemes Lode defines, whether or not a driver for them is on the module or class path. */
    private static final Set<String> LODE_SCHEMES = Set.of("file", "mem", "s3");

    private Lode() {}

    /** Opens a connection with no extra settings. */
    public static LodeConnection connect(String url) {
        return connect(url, new Properties());
    }

    /**
     * Opens a connection.
     *
     * @param url a Lode URL, see the class documentation
     * @param properties driver settings such as credentials; may be empty
     */
    public static LodeConnection connect(String url, Properties properties) {
        Require.nonNull(url, "url");
        Require.nonNull(properties, "properties");
        String shown = StoreSettings.redact(url);
        if (!url.startsWith(PREFIX)) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "'" + shown + "' is not a Lode URL; expected "
                    + "lode:file:/absolute/dir, lode:mem:name or lode:s3://bucket/prefix");
        }
        String rest = url.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "'" + shown + "' names no scheme; expected "
                    + "lode:<scheme>:..., e.g. lode:file:/absolute/dir");
        }
        String scheme = rest.substring(0, colon);
        StoreDriver driver = drivers().stream().filter(d -> d.acceptsUrl(url)).findFirst()
                .orElseThrow(() -> noDriver(shown, scheme));
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "malformed URL '" + shown + "': " + e.getReason()
                    + " at index " + (e.getIndex() + PREFIX.length())
                    + " (percent-encode spaces and other reserved characters, e.g. %20 for a space)", e);
        }
        Properties copy = new Properties();
        copy.putAll(properties);
        ObjectStore store = driver.open(uri, copy);
        return new LodeConnection(shown, store);
    }

    /** The store drivers installed: those {@link ServiceLoader} finds for {@link StoreDriver}. */
    public static List<StoreDriver> drivers() {
        return Drivers.INSTALLED;
    }

    private static LodeException noDriver(String url, String scheme) {
        String installed = drivers().stream().map(StoreDriver::scheme).sorted().collect(Collectors.joining(", "));
        if (LODE_SCHEMES.contains(scheme)) {
            return new LodeException(ErrorCode.UNSUPPORTED, "no driver for '" + scheme + ":' URLs is installed, so '"
                    + url + "' cannot be opened (installed drivers: " + installed + ")");
        }
        return new LodeException(ErrorCode.INVALID_ARGUMENT, "unknown scheme '" + scheme + "' in '" + url
                + "'; installed drivers: " + installed);
    }

    /** Loaded once, like JDBC drivers: the set of drivers does not change while the JVM runs. */
    private static final class Drivers {
        static final List<StoreDriver> INSTALLED = load();

        private static List<StoreDriver> load() {
            List<StoreDriver> found = new ArrayList<>();
            ServiceLoader.load(StoreDriver.class, Lode.class.getClassLoader()).forEach(found::add);
            return List.copyOf(found);
        }
    }
}
