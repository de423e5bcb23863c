package dev.runbook.bench;

import dev.runbook.tui.Tmux;
import dev.runbook.tui.TuiDriver;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Measures the TUI in a real terminal (tmux, 80x24): launch to first full screen (tree, log and status bar
 * drawn), median of 5, and the peak resident memory of the JVM while a whole run is driven to its end.
 * Launches {@code java -jar target/valkey-runbook.jar rehearse --env dev} when the jar has that command,
 * otherwise {@link TuiStartupBenchDemo} (the real runbook for start-up, the test runbook for the run).
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=dev.runbook.bench.TuiStartupBench</pre>
 */
public final class TuiStartupBench {
    private static final Path JAR = Path.of("target", "valkey-runbook.jar");

    private TuiStartupBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean jar = TuiDriver.jarHasRehearse(JAR);
        Path work = jar ? workDir() : Path.of(".");
        String startup = jar ? "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev" : demo("real");
        String fullRun = jar ? startup : demo("test");
        System.out.println("launching: " + (jar ? startup : "TuiStartupBenchDemo (the jar has no rehearse command yet)"));
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

    private static String demo(String which) throws URISyntaxException {
        return "java -cp " + classpath() + " " + TuiStartupBenchDemo.class.getName() + " " + which;
    }

    /** The test classpath: exec:java's class loader's URLs, or this JVM's class path. */
    private static String classpath() throws URISyntaxException {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl instanceof URLClassLoader u && u.getURLs().length > 0) {
            List<String> paths = new ArrayList<>();
            for (URL url : u.getURLs()) {
                paths.add(Path.of(url.toURI()).toString());
            }
            return String.join(File.pathSeparator, paths);
        }
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
