package io.lode.spi;

import java.net.URI;
import java.util.Properties;

/**
 * Opens object stores for one kind of URL, like a JDBC driver. Drivers are found with
 * {@link java.util.ServiceLoader}: a driver jar declares {@code provides io.lode.spi.StoreDriver}
 * in its module descriptor, or lists its class in
 * {@code META-INF/services/io.lode.spi.StoreDriver} on the class path.
 *
 * <p>A Lode URL is {@code lode:<scheme>:<rest>}; {@link io.lode.Lode#connect} strips
 * {@code lode:} and hands the rest to the first driver whose {@link #scheme()} matches.
 */
public interface StoreDriver {
    /** The URL scheme this driver serves, e.g. {@code file}, {@code mem} or {@code s3}. */
    String scheme();

    /** Whether this driver serves {@code url}, a whole Lode URL such as {@code lode:file:/data}. */
    default boolean acceptsUrl(String url) {
        return url != null && url.startsWith("lode:" + scheme() + ":");
    }

    /**
     * Opens the store that {@code uri} names: the Lode URL without its {@code lode:} prefix, e.g.
     * {@code file:/data}. Fails with {@code INVALID_ARGUMENT} for a malformed URL or option,
     * {@code NOT_FOUND} when the root does not exist.
     *
     * @param uri the store's URL, without {@code lode:}
     * @param properties driver settings (credentials, tuning); never null, possibly empty
     */
    ObjectStore open(URI uri, Properties properties);
}
