package dev.runbook.bench;

import dev.runbook.run.BudgetHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long the time budget takes to read a runs folder: N copies of one real run folder's journal (args: the run
 * folder, N), read as BudgetHistory does, medians of 7; next to the floor of only reading the same files' bytes.
 * Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.runbook.bench.BudgetHistoryBench
 * -Dexec.args="runs/20261201-162644-dev 200"}.
 */
public final class BudgetHistoryBench {
    private BudgetHistoryBench() {
    }

    public static void main(String[] args) throws IOException {
        Path run = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path root = Files.createTempDirectory("budget-history");
        String name = run.getFileName().toString();
        for (int i = 0; i < n; i++) {
            Path copy = Files.createDirectories(root.resolve(String.format("%s-%04d", name, i)));
            Files.copy(run.resolve("journal.jsonl"), copy.resolve("journal.jsonl"));
        }
        Path self = root.resolve("not-a-run");
        List<Double> read = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        int found = 0;
        for (int r = 0; r < 8; r++) {
            long t0 = System.nanoTime();
            try (var files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.readAllBytes(f);
                }
            }
            long t1 = System.nanoTime();
            BudgetHistory h = BudgetHistory.of(root, self, "dev", "goorm-popcorn-cache-dev");
            long t2 = System.nanoTime();
            found = h.size();
            if (r > 0) { // the first round warms up
                floor.add((t1 - t0) / 1e6);
                read.add((t2 - t1) / 1e6);
            }
        }
        System.out.printf("%d run folders (journal %d bytes each, %d read as earlier runs): BudgetHistory %.1f ms,"
                + " reading the bytes alone %.1f ms (medians of 7)%n", n, Files.size(run.resolve("journal.jsonl")), found,
                median(read), median(floor));
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
