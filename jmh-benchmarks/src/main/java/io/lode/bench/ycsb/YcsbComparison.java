package io.lode.bench.ycsb;

import io.lode.bench.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the YCSB core workloads on Isle and on RocksDB JNI, one engine after the other on the same
 * machine, each phase in a JVM of its own (as YCSB's own {@code Client} runs), and prints the
 * side-by-side table of {@code docs/BENCHMARKS.md}:
 *
 * <pre>{@code
 * java -cp jmh-benchmarks/target/benchmarks.jar io.lode.bench.ycsb.YcsbComparison \
 *     [--records 500000] [--operations 4000000] [--threads 2] [--workloads a,b,c,f,d,e] [--dir /tmp/ycsb]
 *     [--engines isle,rocksdb] [--property lode.compactionBytesPerSecond=0]
 * }</pre>
 *
 * Per engine: a load phase of {@code --records} inserts, then each workload for {@code
 * --operations} operations (a tenth of them for E, whose scans read up to 100 records each), on
 * the data the earlier phases left. Both bindings store the same record encoding
 * ({@link YcsbRecord}). Every phase must end with no failed operation.
 */
public final class YcsbComparison {
    private static final List<String> ENGINES = List.of("isle", "rocksdb");

    private YcsbComparison() {}

    /** What one phase printed: YCSB's {@code [SECTION], metric, value} lines. */
    record Phase(Map<String, String> metrics) {
        double number(String section, String metric) {
            String v = metrics.get("[" + section + "]|" + metric);
            return v == null ? Double.NaN : Double.parseDouble(v);
        }

        long failures() {
            long failed = 0;
            for (Map.Entry<String, String> m : metrics.entrySet()) {
                if (m.getKey().contains("|Return=") && !m.getKey().endsWith("|Return=OK") && !m.getKey().endsWith("|Return=NOT_FOUND")) {
                    failed += Long.parseLong(m.getValue());
                }
                if (m.getKey().startsWith("[") && m.getKey().contains("-FAILED]|Operations")) {
                    failed += Long.parseLong(m.getValue());
                }
            }
            return failed;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("records", "500000", "operations", "4000000", "threads", "2",
                "workloads", "a,b,c,f,d,e", "dir", "/tmp/ycsb", "engines", String.join(",", ENGINES), "property", ""));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !opts.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + opts.keySet());
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        Path dir = Path.of(opts.get("dir"));
        List<String> workloads = List.of(opts.get("workloads").split(","));
        Map<String, Map<String, Phase>> results = new LinkedHashMap<>();
        for (String engine : opts.get("engines").split(",")) {
            if (!ENGINES.contains(engine)) {
                throw new IllegalArgumentException("unknown engine " + engine + "; known: " + ENGINES);
            }
            Path data = dir.resolve(engine);
            Directories.deleteRecursively(data);
            Files.createDirectories(data);
            Map<String, Phase> phases = new LinkedHashMap<>();
            phases.put("load", run(engine, "a", true, opts, data));
            for (String w : workloads) {
                phases.put(w, run(engine, w, false, opts, data));
            }
            results.put(engine, phases);
        }
        System.out.println(results.size() == ENGINES.size() ? table(results) : oneEngine(results));
    }

    private static Phase run(String engine, String workload, boolean load, Map<String, String> opts, Path data)
            throws IOException, InterruptedException {
        Path file = data.resolveSibling("workload" + workload);
        try (InputStream in = YcsbComparison.class.getResourceAsStream("/ycsb/workload" + workload)) {
            if (in == null) {
                throw new IllegalArgumentException("no workload '" + workload + "'; use a to f");
            }
            Files.write(file, in.readAllBytes());
        }
        long operations = Long.parseLong(opts.get("operations")) / (workload.equals("e") ? 10 : 1);
        List<String> command = new ArrayList<>(List.of(javaCommand(), "--enable-native-access=ALL-UNNAMED", "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), "site.ycsb.Client", load ? "-load" : "-t",
                "-db", engine.equals("isle") ? IsleYcsbClient.class.getName() : RocksDbYcsbClient.class.getName(),
                "-P", file.toString(), "-threads", opts.get("threads"),
                "-p", "recordcount=" + opts.get("records"), "-p", "operationcount=" + operations,
                "-p", "lode.dir=" + data, "-p", "rocksdb.dir=" + data));
        if (!opts.get("property").isEmpty()) {
            command.addAll(List.of("-p", opts.get("property"))); // one binding property for every phase
        }
        System.err.printf("%s %s: %s%n", engine, load ? "load" : "workload " + workload, String.join(" ", command.subList(5, command.size())));
        Path out = data.resolveSibling(engine + "-" + (load ? "load" : workload) + ".out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IllegalStateException(engine + " " + workload + " failed; see " + out);
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] parts = line.split(", ");
            if (parts.length == 3 && parts[0].startsWith("[")) {
                metrics.put(parts[0] + "|" + parts[1], parts[2].strip());
            }
        }
        Phase phase = new Phase(metrics);
        if (phase.failures() > 0) {
            throw new IllegalStateException(engine + " " + workload + ": " + phase.failures() + " operations failed; see " + out);
        }
        return phase;
    }

    /** The figures of one engine, when only one ran ({@code --engines}). */
    static String oneEngine(Map<String, Map<String, Phase>> results) {
        StringBuilder b = new StringBuilder("| engine | phase | ops/s | read p99 µs |\n|---|---|---|---|\n");
        results.forEach((engine, phases) -> phases.forEach((phase, p) -> b.append(String.format(Locale.ROOT,
                "| %s | %s | %,.0f | %.0f |%n", engine, phase, p.number("OVERALL", "Throughput(ops/sec)"),
                p.number("READ", "99thPercentileLatency(us)")))));
        return b.toString();
    }

    static String table(Map<String, Map<String, Phase>> results) {
        Map<String, Phase> isle = results.get("isle");
        Map<String, Phase> rocks = results.get("rocksdb");
        StringBuilder b = new StringBuilder();
        b.append("| phase | Isle ops/s | RocksDB ops/s | Isle / RocksDB | read p99 µs, Isle / RocksDB | write p99 µs, Isle / RocksDB | scan p99 µs, Isle / RocksDB |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (String phase : isle.keySet()) {
            Phase i = isle.get(phase);
            Phase r = rocks.get(phase);
            double io = i.number("OVERALL", "Throughput(ops/sec)");
            double ro = r.number("OVERALL", "Throughput(ops/sec)");
            b.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f× | %s | %s | %s |%n", phase, io, ro, io / ro,
                    pair(i, r, "READ"), pair(i, r, writeSection(i)), pair(i, r, "SCAN")));
        }
        return b.toString();
    }

    private static String writeSection(Phase p) {
        for (String s : List.of("INSERT", "UPDATE", "READ-MODIFY-WRITE")) {
            if (!Double.isNaN(p.number(s, "99thPercentileLatency(us)"))) {
                return s;
            }
        }
        return "UPDATE";
    }

    private static String pair(Phase i, Phase r, String section) {
        double a = i.number(section, "99thPercentileLatency(us)");
        double c = r.number(section, "99thPercentileLatency(us)");
        return Double.isNaN(a) ? "" : String.format(Locale.ROOT, "%.0f / %.0f", a, c);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
