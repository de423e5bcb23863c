package dev.runbook.bench;

import dev.runbook.tui.Tmux;
import dev.runbook.tui.TuiDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the TUI in a real terminal (tmux, 80x24): launch to first full screen (tree, log and status bar
 * drawn), median of 5, and the peak resident memory of the JVM while a whole run is driven to its end.
 * Launches {@code java -jar target/valkey-runbook.jar rehearse --env dev} (build it first with {@code mvn package}).
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=dev.runbook.bench.TuiStartupBench</pre>
 */
public final class TuiStartupBench {
    private static final Path JAR = Path.of("target", "valkey-runbook.jar");

    private TuiStartupBench() {
    }

    public static void main(String[] args) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("no " + JAR + ": run mvn -B -q package -DskipTests first");
        }
        Path work = workDir();
        String startup = "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev";
        String fullRun = startup;
        System.out.println("launching: " + startup);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            try (Tmux tmux = Tmux.start("runbook-bench", 80, 24, work, startup)) {
                tmux.waitFor(TuiDriver::fullScreen, Duration.ofSeconds(30), "the first full screen");
                millis.add((System.nanoTime() - t0) / 1_000_000);
                tmux.keys("q");
                tmux.keys("y");
                tmux.waitFor(s -> s.contains("exit code"), Duration.ofSeconds(30), "the exit");
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.println("launch to first full screen (ms): " + millis + " median " + sorted.get(2));
        System.out.printf(Locale.ROOT, "peak RSS during a full run: %.1f MB%n", peakRss(work, fullRun) / 1024.0);
    }

    /** Drives one run to its end while sampling the JVM's VmRSS every 50 ms; returns the peak in kB. */
    private static long peakRss(Path work, String command) {
        AtomicLong peak = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (Tmux tmux = Tmux.start("runbook-bench-rss", 80, 24, work, command)) {
            tmux.waitFor(TuiDriver::fullScreen, Duration.ofSeconds(30), "the first full screen");
            long shell = tmux.panePid();
            sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(rssOfChildren(shell), Math::max),
                    0, 50, TimeUnit.MILLISECONDS);
            new TuiDriver(tmux, "goorm-popcorn-cache-dev").driveToEnd(Duration.ofMinutes(10), () -> { });
        } finally {
            sampler.shutdownNow();
        }
        return peak.get();
    }

    private static long rssOfChildren(long pid) {
        try {
            String children = Files.readString(Path.of("/proc", String.valueOf(pid), "task", String.valueOf(pid), "children"));
            long max = 0;
            for (String child : children.trim().split("\\s+")) {
                if (!child.isEmpty()) {
                    for (String line : Files.readAllLines(Path.of("/proc", child, "status"))) {
                        if (line.startsWith("VmRSS:")) {
                            max = Math.max(max, Long.parseLong(line.replaceAll("\\D", "")));
                        }
                    }
                }
            }
            return max;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Path workDir() throws IOException {
        return TuiDriver.prepare(Files.createTempDirectory("runbook-bench"));
    }
}
