package io.lode.examples.kvfile;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.isle.Cursor;
import io.lode.isle.IsleDB;
import io.lode.isle.IsleReader;
import io.lode.isle.IsleWriter;
import io.lode.isle.ReaderOptions;
import io.lode.isle.WriterOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A key-value store as a command: each call opens the database, does one thing, and (for writes)
 * flushes before it exits, so the next call, on this machine or any other with the same URL, sees it.
 *
 * <pre>
 * KvFile &lt;url&gt; put &lt;key&gt; &lt;value&gt; [ttl-seconds]
 * KvFile &lt;url&gt; get &lt;key&gt;
 * KvFile &lt;url&gt; delete &lt;key&gt;
 * KvFile &lt;url&gt; scan [from] [to]
 * </pre>
 * e.g. {@code KvFile lode:file:/tmp/kv put greeting hello}. Keys and values are UTF-8 text here; the
 * engine takes any bytes.
 */
public final class KvFile {
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: KvFile <url> put <key> <value> [ttl-seconds] | get <key> | delete <key> | scan [from] [to]");
            System.exit(2);
        }
        try (LodeConnection connection = Lode.connect(args[0])) {
            IsleDB db = connection.isle("kv");
            switch (args[1]) {
                case "put", "delete" -> {
                    try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO))) {
                        if (args[1].equals("delete")) {
                            w.delete(bytes(args[2]));
                        } else if (args.length > 4) {
                            w.put(bytes(args[2]), bytes(args[3]), Duration.ofSeconds(Long.parseLong(args[4])));
                        } else {
                            w.put(bytes(args[2]), bytes(args[3]));
                        }
                        System.out.println("committed at log entry " + w.flush().logSeq());
                    }
                }
                case "get" -> {
                    try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
                        byte[] v = r.get(bytes(args[2]));
                        System.out.println(v == null ? "(absent)" : text(v));
                    }
                }
                case "scan" -> {
                    try (IsleReader r = db.openReader(ReaderOptions.defaults());
                            Cursor c = r.scan(args.length > 2 ? bytes(args[2]) : null, args.length > 3 ? bytes(args[3]) : null)) {
                        while (c.next()) {
                            System.out.println(text(c.key()) + " = " + text(c.value()));
                        }
                    }
                }
                default -> {
                    System.err.println("unknown command '" + args[1] + "'");
                    System.exit(2);
                }
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
