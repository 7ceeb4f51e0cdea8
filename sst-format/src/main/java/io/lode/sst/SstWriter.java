package io.lode.sst;

import io.lode.core.key.EntryKind;
import io.lode.sst.block.BlockBuilder;
import io.lode.sst.block.BlockHandle;
import io.lode.sst.block.BlockTrailer;
import io.lode.sst.block.Footer;
import io.lode.sst.filter.BloomFilter;
import io.lode.sst.filter.BloomFilterBuilder;
import io.lode.sst.format.GrowableBuffer;
import io.lode.sst.format.InternalKey;
import io.lode.sst.format.InternalKeyComparator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes one SST in the RocksDB block-based table layout (format_version 5), streaming: each data
 * block goes to the output as soon as it is full, so a table can be uploaded while it is built. Only
 * the index, the filter's key hashes and the properties stay in memory until {@link #finish()}.
 *
 * <p>Entries must come in strictly increasing internal-key order ({@link InternalKeyComparator}): user
 * key ascending, and for one user key, sequence descending. Not thread-safe.
 *
 * <p>With a {@link SstWriterOptions#sealingExecutor() sealing executor}, data blocks are compressed
 * and checksummed there while the next ones are built (at most {@value #MAX_IN_FLIGHT} at a time),
 * as RocksDB's parallel compression does; blocks are still written in order by the caller's thread,
 * and the table is byte for byte the one the writer would build alone.
 *
 * <p>A table can also be built on several threads at once: the later entries by writers made with
 * {@link #forPart}, whose {@link #finishPart() parts} this writer {@link #append appends} (see
 * {@link SstPart}).
 *
 * <p>I/O failures of the output surface as {@link UncheckedIOException}.
 */
public final class SstWriter implements AutoCloseable {
    private static final byte[] EMPTY = new byte[0];
    static final int MAX_IN_FLIGHT = 8;

    private final OutputStream out;
    private final SstWriterOptions options;
    /** The index block of a whole table, or the index of a part ({@link #forPart}). */
    private final IndexEntries indexEntries;
    private final BlockBuilder dataBlock;
    private final BloomFilterBuilder filter;
    private final GrowableBuffer handleBytes = new GrowableBuffer(32);
    private final CompressionBackoff backoff = new CompressionBackoff(MAX_IN_FLIGHT);
    /** Data blocks handed to the sealing executor, oldest first; written in this order. */
    private final ArrayDeque<SealedBlock> inFlight = new ArrayDeque<>();
    private final ArrayDeque<SealedBlock> spareBlocks = new ArrayDeque<>();
    private final byte[] trailer = new byte[BlockTrailer.LENGTH];
    private final MemorySegment trailerSegment = MemorySegment.ofArray(trailer);

    private GrowableBuffer key = new GrowableBuffer(64);
    private GrowableBuffer previousKey = new GrowableBuffer(64);
    private boolean hasPrevious;
    /** The last data block cut, until the key after it (or the table's end) gives its index key. */
    private SealedBlock newestBlock;
    private byte[] smallestKey;
    private long offset;
    private long entries;
    private long deletions;
    private long dataBlocks;
    private long rawKeySize;
    private long rawValueSize;
    private long smallestSequence = Long.MAX_VALUE;
    private long largestSequence = -1;
    private boolean finished;
    private boolean closed;

    /** A writer to {@code out}; {@link #close()} closes it. */
    public SstWriter(OutputStream out, SstWriterOptions options) {
        this(out, options, null);
    }

    private SstWriter(OutputStream out, SstWriterOptions options, SegmentOutputStream partOut) {
        this.out = out;
        this.options = options;
        this.indexEntries = partOut == null ? new IndexBlock() : new PartIndex(partOut);
        this.dataBlock = new BlockBuilder(options.restartInterval(), options.blockSize() + options.blockSize() / 4);
        this.filter = options.bloomBitsPerKey() > 0 ? new BloomFilterBuilder(options.bloomBitsPerKey()) : null;
    }

    /** A writer to a new file at {@code path} (replaced if it exists). */
    public static SstWriter toFile(Path path, SstWriterOptions options) {
        try {
            return new SstWriter(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /** A writer into memory; the table is {@link SegmentOutputStream#toSegment()} of {@code out}. */
    public static SstWriter toMemory(SegmentOutputStream out, SstWriterOptions options) {
        return new SstWriter(out, options);
    }

    /**
     * A writer of the later part of a table, in memory: entries are added as usual, then
     * {@link #finishPart()} hands them over to the table's own writer, which {@link #append appends}
     * them after its entries. Use the same options as that writer.
     */
    public static SstWriter forPart(SstWriterOptions options, int expectedBytes) {
        SegmentOutputStream out = new SegmentOutputStream(expectedBytes);
        return new SstWriter(out, options, out);
    }

    /** Adds a value for {@code userKey} at {@code sequence}. */
    public void put(MemorySegment userKey, long sequence, MemorySegment value) {
        add(userKey, sequence, EntryKind.SET, value);
    }

    /** Adds a tombstone for {@code userKey} at {@code sequence}. */
    public void delete(MemorySegment userKey, long sequence) {
        add(userKey, sequence, EntryKind.DELETE, MemorySegment.ofArray(EMPTY));
    }

    /** Adds an entry; a tombstone's value is normally empty. */
    public void add(MemorySegment userKey, long sequence, EntryKind kind, MemorySegment value) {
        long trailerValue = InternalKey.packTrailer(sequence, kind);
        long userLength = userKey.byteSize();
        key.clear();
        key.put(userKey, 0, userLength);
        key.putFixed64(trailerValue);
        append(userLength, sequence, kind == EntryKind.DELETE, value);
    }

    /** Adds an entry whose internal key is already encoded (user key + trailer). */
    public void add(MemorySegment internalKey, MemorySegment value) {
        long userLength = InternalKey.userKeyLength(internalKey);
        int kindCode = InternalKey.kindCode(internalKey);
        if (EntryKind.ofCode(kindCode) == null) {
            throw new IllegalArgumentException("unsupported value kind " + kindCode);
        }
        key.clear();
        key.put(internalKey, 0, internalKey.byteSize());
        append(userLength, InternalKey.sequence(internalKey), kindCode == EntryKind.DELETE.code(), value);
    }

    private void append(long userLength, long sequence, boolean tombstone, MemorySegment value) {
        if (finished) {
            throw new IllegalStateException("the table is already finished");
        }
        byte[] current = key.array();
        int keyLength = key.size();
        boolean newUserKey = true;
        if (hasPrevious) {
            byte[] previous = previousKey.array();
            int c = InternalKeyComparator.compare(current, 0, keyLength, previous, 0, previousKey.size());
            if (c <= 0) {
                throw new IllegalArgumentException((c == 0 ? "duplicate internal key " : "internal key out of order: ")
                        + hex(current, keyLength) + (c == 0 ? "" : " after " + hex(previous, previousKey.size())));
            }
            int previousUserLength = previousKey.size() - InternalKey.TRAILER_BYTES;
            newUserKey = !Arrays.equals(current, 0, (int) userLength, previous, 0, previousUserLength);
        } else {
            smallestKey = key.toByteArray();
        }
        if (newestBlock != null && !newestBlock.hasSeparator) {
            // The block boundary is known only now: index it under a short key between the blocks.
            InternalKeyComparator.shortestSeparator(previousKey, key, newestBlock.separator);
            separated(newestBlock);
        }
        if (newUserKey && filter != null) {
            filter.addKey(key.segment(), 0, userLength);
        }
        dataBlock.add(current, keyLength, value, 0, value.byteSize());
        entries++;
        if (tombstone) {
            deletions++;
        }
        rawKeySize += keyLength;
        rawValueSize += value.byteSize();
        smallestSequence = Math.min(smallestSequence, sequence);
        largestSequence = Math.max(largestSequence, sequence);
        GrowableBuffer swap = previousKey;
        previousKey = key;
        key = swap;
        hasPrevious = true;
        if (dataBlock.estimatedSize() >= options.blockSize()) {
            flushDataBlock();
        }
    }

    private void flushDataBlock() {
        if (dataBlock.isEmpty()) {
            return;
        }
        SealedBlock block = spareBlocks.isEmpty() ? new SealedBlock() : spareBlocks.pop();
        block.reset();
        block.raw = dataBlock.finishAndSwap(block.raw);
        block.index = dataBlocks++;
        block.tryCompression = options.compression() != Compression.NONE && backoff.shouldTry(block.index);
        newestBlock = block;
        if (options.sealingExecutor() == null) {
            block.seal(options.compression(), options.checksumType());
            write(block);
            return;
        }
        block.sealing = CompletableFuture.runAsync(() -> block.seal(options.compression(), options.checksumType()),
                options.sealingExecutor());
        inFlight.addLast(block);
        // More than one in flight, so the oldest is never the newest block: its index key is known.
        while (inFlight.size() > MAX_IN_FLIGHT) {
            writeOldestInFlight();
        }
    }

    private void writeOldestInFlight() {
        SealedBlock block = inFlight.removeFirst();
        try {
            block.sealing.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        write(block);
    }

    /** Writes a sealed data block; indexes it if its index key is known already. */
    private void write(SealedBlock block) {
        GrowableBuffer payload = block.payload();
        block.handle = new BlockHandle(offset, payload.size());
        write(payload.array(), payload.size());
        write(block.trailer(), BlockTrailer.LENGTH);
        if (block.tryCompression) {
            backoff.record(block.index, block.isCompressed());
        }
        if (block.hasSeparator) {
            index(block);
        }
    }

    /** The block's index key is set; indexes it if it is written already. */
    private void separated(SealedBlock block) {
        block.hasSeparator = true;
        if (block.handle != null) {
            index(block);
        }
    }

    private void index(SealedBlock block) {
        indexEntries.add(block.separator.array(), block.separator.size(), block.handle);
        if (block == newestBlock) {
            newestBlock = null;
        }
        spareBlocks.push(block);
    }

    /** Writes {@code payload} and its trailer; {@code payload} has a spare byte after its contents. */
    private BlockHandle writeRaw(GrowableBuffer payload, Compression type) {
        SealedBlock.sealRaw(payload, type, options.checksumType(), trailer, trailerSegment);
        int length = payload.size();
        BlockHandle handle = new BlockHandle(offset, length);
        write(payload.array(), length);
        write(trailer, trailer.length);
        return handle;
    }

    private void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write SST at offset " + offset, e);
        }
        offset += length;
    }

    /**
     * Writes the last data block, the filter, index, properties and metaindex blocks and the footer,
     * and flushes the output. Returns what the table holds.
     */
    public TableProperties finish() {
        if (!(indexEntries instanceof IndexBlock indexBlock)) {
            throw new IllegalStateException("this writer writes a part of a table: finishPart() it");
        }
        if (finished) {
            throw new IllegalStateException("the table is already finished");
        }
        flushDataBlock();
        finished = true;
        if (newestBlock != null && !newestBlock.hasSeparator) {
            InternalKeyComparator.shortSuccessor(previousKey, newestBlock.separator);
            separated(newestBlock);
        }
        while (!inFlight.isEmpty()) {
            writeOldestInFlight();
        }
        long dataSize = offset;
        Map<String, BlockHandle> metaBlocks = new TreeMap<>();
        long filterSize = 0;
        if (filter != null) {
            GrowableBuffer filterBlock = new GrowableBuffer(64 + filter.keyCount() * options.bloomBitsPerKey() / 8);
            filter.writeTo(filterBlock);
            filterBlock.ensureRoom(1);
            BlockHandle handle = writeRaw(filterBlock, Compression.NONE);
            filterSize = handle.size();
            metaBlocks.put(BloomFilter.METAINDEX_NAME, handle);
        }
        BlockHandle indexHandle = writeRaw(indexBlock.finish(), Compression.NONE);
        byte[] largestKey = hasPrevious ? previousKey.toByteArray() : null;
        TableProperties properties = new TableProperties(entries, deletions, dataBlocks, dataSize, indexHandle.size(),
                filterSize, rawKeySize, rawValueSize, smallestKey, largestKey,
                hasPrevious ? smallestSequence : -1, hasPrevious ? largestSequence : -1,
                InternalKeyComparator.USER_COMPARATOR_NAME, options.compression().rocksDbName(), Footer.FORMAT_VERSION,
                options.checksumType());
        BlockHandle propertiesHandle = writeRaw(PropertiesBlock.encode(properties), Compression.NONE);
        metaBlocks.put(PropertyNames.METAINDEX_NAME, propertiesHandle);

        BlockBuilder metaindex = new BlockBuilder(1, 256);
        for (Map.Entry<String, BlockHandle> e : metaBlocks.entrySet()) {
            handleBytes.clear();
            e.getValue().encodeTo(handleBytes);
            metaindex.add(ascii(e.getKey()), MemorySegment.ofArray(handleBytes.toByteArray()));
        }
        BlockHandle metaindexHandle = writeRaw(metaindex.finish(), Compression.NONE);

        GrowableBuffer footer = new GrowableBuffer(Footer.LENGTH);
        new Footer(options.checksumType(), metaindexHandle, indexHandle, Footer.FORMAT_VERSION).encodeTo(footer);
        write(footer.array(), footer.size());
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush SST", e);
        }
        return properties;
    }

    /**
     * Finishes a writer made by {@link #forPart}: writes its last data block and returns the part, for
     * the table's writer to {@link #append}. The writer takes no more entries.
     */
    public SstPart finishPart() {
        if (!(indexEntries instanceof PartIndex partIndex)) {
            throw new IllegalStateException("this writer writes a whole table: finish() it");
        }
        if (finished) {
            throw new IllegalStateException("the part is already finished");
        }
        flushDataBlock();
        finished = true;
        while (!inFlight.isEmpty()) {
            writeOldestInFlight();
        }
        if (newestBlock != null) {
            partIndex.addLast(newestBlock.handle); // its index key is the table writer's to choose
        }
        // The part's bytes are handed on as they are: this writer takes nothing more.
        SegmentOutputStream partOut = partIndex.out();
        return new SstPart(partOut.array(), (int) partOut.size(), partIndex.separators(), partIndex.handles(),
                filter == null ? new long[0] : filter.hashes(), entries, deletions, rawKeySize, rawValueSize,
                smallestKey, hasPrevious ? previousKey.toByteArray() : null, smallestSequence, largestSequence,
                options.checksumType());
    }

    /**
     * Appends the entries of {@code part}, whose keys must all come after the entries added so far,
     * as if they had been added here: its data blocks are copied as they are and indexed at their new
     * offsets, its keys join the filter, its counts the properties. Entries may still be added after
     * it (after its last key) and other parts appended.
     *
     * @throws IllegalArgumentException if the part's first key does not come after this table's last
     *     key, or its blocks carry another checksum type than this table's
     */
    public void append(SstPart part) {
        if (finished) {
            throw new IllegalStateException("the table is already finished");
        }
        if (part.entries == 0) {
            return;
        }
        if (part.checksumType != options.checksumType()) {
            throw new IllegalArgumentException("the part's blocks carry " + part.checksumType + " checksums, this table "
                    + options.checksumType());
        }
        if (hasPrevious) {
            int c = InternalKeyComparator.compare(part.smallestKey, 0, part.smallestKey.length, previousKey.array(), 0,
                    previousKey.size());
            if (c <= 0) {
                throw new IllegalArgumentException("the part's first key " + hex(part.smallestKey, part.smallestKey.length)
                        + " does not come after this table's last key " + hex(previousKey.array(), previousKey.size()));
            }
        }
        flushDataBlock();
        if (newestBlock != null && !newestBlock.hasSeparator) {
            key.clear();
            key.put(part.smallestKey, 0, part.smallestKey.length);
            InternalKeyComparator.shortestSeparator(previousKey, key, newestBlock.separator);
            separated(newestBlock);
        }
        while (!inFlight.isEmpty()) {
            writeOldestInFlight();
        }
        long base = offset;
        write(part.data, part.dataLength);
        int blocks = part.handles.size();
        for (int i = 0; i < blocks - 1; i++) {
            byte[] separator = part.separators.get(i);
            BlockHandle h = part.handles.get(i);
            indexEntries.add(separator, separator.length, new BlockHandle(base + h.offset(), h.size()));
        }
        // The part's last block is indexed under a key chosen by what comes after it, like any newest block.
        SealedBlock last = spareBlocks.isEmpty() ? new SealedBlock() : spareBlocks.pop();
        last.reset();
        BlockHandle h = part.handles.get(blocks - 1);
        last.handle = new BlockHandle(base + h.offset(), h.size());
        newestBlock = last;
        dataBlocks += blocks;
        if (filter != null) {
            for (long hash : part.filterHashes) {
                filter.addHash(hash);
            }
        }
        entries += part.entries;
        deletions += part.deletions;
        rawKeySize += part.rawKeySize;
        rawValueSize += part.rawValueSize;
        smallestSequence = Math.min(smallestSequence, part.smallestSequence);
        largestSequence = Math.max(largestSequence, part.largestSequence);
        if (!hasPrevious) {
            smallestKey = part.smallestKey.clone();
        }
        previousKey.clear();
        previousKey.put(part.largestKey, 0, part.largestKey.length);
        hasPrevious = true;
    }

    private static MemorySegment ascii(String s) {
        return MemorySegment.ofArray(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hex(byte[] bytes, int length) {
        StringBuilder s = new StringBuilder(2 * Math.min(length, 64) + 3);
        for (int i = 0; i < Math.min(length, 64); i++) {
            s.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return length > 64 ? s.append("...").toString() : s.toString();
    }

    /**
     * The bytes written so far; with a sealing executor, the blocks still in flight (at most
     * {@value #MAX_IN_FLIGHT}) are not counted yet.
     */
    public long bytesWritten() {
        return offset;
    }

    /** Closes the output; a table not {@link #finish() finished} is incomplete. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close SST output", e);
        }
    }
}
