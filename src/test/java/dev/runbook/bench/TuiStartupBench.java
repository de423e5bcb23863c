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
 * drawn) through the launcher and through plain {@code java -jar}, next to the floor — a JVM hello world
 * launched in tmux the same way until its line is on screen — interleaved, medians of N (default 7); then the
 * peak resident memory of the JVM while a whole rehearsal is driven to its end, through each. Build first:
 * <pre>mvn -B -q package -DskipTests && mvn -q test-compile exec:java -Dexec.mainClass=dev.runbook.bench.TuiStartupBench</pre>
 */
public final class TuiStartupBench {
    private TuiStartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Launch.requireBuild();
        Path work = workDir();
        String floor = String.join(" ", Launch.floor());
        String jar = String.join(" ", Launch.jar("rehearse", "--env", "dev"));
        String launcher = String.join(" ", Launch.launcher("rehearse", "--env", "dev"));
        List<Double> floorMs = new ArrayList<>();
        List<Double> jarMs = new ArrayList<>();
        List<Double> launcherMs = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            double f = firstScreen(work, floor, s -> s.contains("hello from the JVM floor"), false);
            double j = firstScreen(work, jar, TuiDriver::fullScreen, true);
            double l = firstScreen(work, launcher, TuiDriver::fullScreen, true);
            if (i > 0) {
                floorMs.add(f);
                jarMs.add(j);
                launcherMs.add(l);
            }
        }
        double m = Launch.median(floorMs);
        System.out.println(Launch.row("JVM hello world in tmux (floor)", floorMs, m));
        System.out.println(Launch.row("first full screen, java -jar", jarMs, m));
        System.out.println(Launch.row("first full screen, launcher", launcherMs, m));
        System.out.printf(Locale.ROOT, "peak RSS of a full TUI rehearsal: java -jar %.1f MB, launcher %.1f MB%n",
                peakRss(work, jar) / 1024.0, peakRss(work, launcher) / 1024.0);
    }

    /** Milliseconds from launching {@code command} in tmux until {@code ready} holds for its screen. */
    private static double firstScreen(Path work, String command, java.util.function.Predicate<String> ready,
                                      boolean quit) {
        long t0 = System.nanoTime();
        try (Tmux tmux = Tmux.start("runbook-bench", 80, 24, work, command)) {
            tmux.waitFor(ready, Duration.ofSeconds(30), "the first screen");
            double ms = (System.nanoTime() - t0) / 1e6;
            if (quit) {
                tmux.keys("q");
                tmux.keys("y");
            }
            tmux.waitFor(s -> s.contains("exit code"), Duration.ofSeconds(30), "the exit");
            return ms;
        }
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
