package dev.runbook.action.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Reads {@code redis-benchmark --csv} / {@code valkey-benchmark --csv} output. Since Redis 7 the first line is a
 * header ({@code "test","rps","avg_latency_ms",...,"p50_latency_ms",...}); older tools print only
 * {@code "TEST","rps"} lines. Columns are found by the header's names, so added columns do not break it.
 */
public final class BenchmarkCsv {
    /** One test's result; {@code p50Ms} is empty when the tool does not print latencies. */
    public record Result(String test, double rps, OptionalDouble p50Ms) {
        /** The test as a fact-key part: "MSET (10 keys)" → "MSET-10-KEYS". */
        public String key() {
            return test.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]+", "-").replaceAll("^-|-$", "");
        }
    }

    private BenchmarkCsv() {
    }

    public static List<Result> parse(String csv) {
        List<Result> results = new ArrayList<>();
        int rpsColumn = 1;
        int p50Column = -1;
        for (String line : csv.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.get(0).equals("test")) {
                rpsColumn = cells.indexOf("rps");
                p50Column = cells.indexOf("p50_latency_ms");
                continue;
            }
            if (cells.size() <= rpsColumn) {
                throw new IllegalArgumentException("not benchmark CSV: " + line);
            }
            OptionalDouble p50 = p50Column >= 0 && p50Column < cells.size()
                    ? OptionalDouble.of(Double.parseDouble(cells.get(p50Column))) : OptionalDouble.empty();
            results.add(new Result(cells.get(0), Double.parseDouble(cells.get(rpsColumn)), p50));
        }
        return results;
    }

    /** The cells of one line: comma-separated, each in double quotes (the tools never put quotes inside). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String c = cell.trim();
            cells.add(c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"") ? c.substring(1, c.length() - 1) : c);
        }
        return cells;
    }
}
