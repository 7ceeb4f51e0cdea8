package io.lode.isle.gc;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.key.EntryKind;
import io.lode.isle.cache.DownloadedSst;
import io.lode.isle.cache.SstFailures;
import io.lode.isle.manifest.DatabaseLayout;
import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.SortedRun;
import io.lode.isle.manifest.SstMeta;
import io.lode.isle.value.StoredValue;
import io.lode.spi.ObjectStore;
import io.lode.sst.SstIterator;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The blobs live tables refer to. Only tables whose manifest entry says {@code has_blob_refs} are
 * read, each once: tables never change, so what one refers to is remembered while it is live.
 */
final class BlobReferences {
    private final ObjectStore store;
    private final DatabaseLayout layout;
    private final Map<String, Set<String>> bySst = new HashMap<>();

    BlobReferences(ObjectStore store, DatabaseLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /** The hex ids of the blobs {@code state}'s tables refer to. */
    Set<String> of(ManifestState state) {
        List<SstMeta> tables = state.tables().stream().filter(SstMeta::hasBlobRefs).toList();
        Set<String> live = new HashSet<>();
        Set<String> referenced = new HashSet<>();
        for (SstMeta t : tables) {
            live.add(t.id());
            referenced.addAll(bySst.computeIfAbsent(t.id(), id -> read(t)));
        }
        bySst.keySet().retainAll(live);
        return referenced;
    }

    private Set<String> read(SstMeta table) {
        Set<String> ids = new HashSet<>();
        try {
            SstIterator it = DownloadedSst.open(store, layout, table).iterator();
            String where = "a value of table " + table.id(); // once per table, not per entry
            for (it.seekToFirst(); it.isValid(); it.next()) {
                if (it.kind() == EntryKind.DELETE) {
                    continue;
                }
                StoredValue v = StoredValue.decode(it.value(), where);
                if (v.kind() == StoredValue.Kind.BLOB_REF) {
                    ids.add(HexFormat.of().formatHex(v.payload().toArray(ValueLayout.JAVA_BYTE)));
                }
            }
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        } catch (LodeException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            // Swept by another collector: only a table no live state references is swept (the
            // sweep re-reads the log first), so this view was behind, and a table that is gone
            // keeps no blob alive.
            return Set.of();
        }
        return ids;
    }
}
