/**
 * The store SPI: what Lode needs of object storage, and how a driver for a new kind of storage
 * plugs in. {@link io.lode.spi.ObjectStore} is the contract (create-if-absent, compare-and-swap by
 * etag, ranged reads, ordered listing, idempotent delete) that every driver meets and one shared
 * test suite checks; {@link io.lode.spi.StoreDriver} opens stores for one URL scheme and is found
 * with {@link java.util.ServiceLoader}. {@link io.lode.spi.ForwardingObjectStore} wraps a store to add
 * metrics, latency, caching or fault injection around it.
 *
 * <p>Most users never touch this package: {@link io.lode.Lode#connect(String)} picks the driver,
 * and {@link io.lode.LodeConnection#store()} hands out the store for direct use.
 */
package io.lode.spi;
