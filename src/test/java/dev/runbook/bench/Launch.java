package dev.runbook.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The ways the start-up benches launch a JVM, side by side in one run: the hello-world floor, the plain
 * {@code java -jar}, and the build's launcher ({@code target/valkey-runbook}: CDS archive, C1, Serial GC).
 * Medians and their ratio to the floor, never absolute thresholds: the machine's load moves every number.
 */
final class Launch {
    static final Path JAR = Path.of("target", "valkey-runbook.jar").toAbsolutePath();
    static final Path LAUNCHER = Path.of("target", "valkey-runbook").toAbsolutePath();

    private Launch() {
    }

    static void requireBuild() {
        if (!Files.isRegularFile(JAR) || !Files.isExecutable(LAUNCHER)) {
            throw new IllegalStateException("no " + JAR + " / " + LAUNCHER + ": run mvn -B -q package -DskipTests first");
        }
    }

    /** The floor's command line (test classes are on disk after test-compile). */
    static List<String> floor() {
        return List.of("java", "-cp", Path.of("target", "test-classes").toAbsolutePath().toString(),
                Hello.class.getName());
    }

    static List<String> jar(String... args) {
        List<String> c = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        c.addAll(List.of(args));
        return c;
    }

    static List<String> launcher(String... args) {
        List<String> c = new ArrayList<>(List.of(LAUNCHER.toString()));
        c.addAll(List.of(args));
        return c;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String row(String what, List<Double> ms, double floorMedian) {
        double m = median(ms);
        return String.format(Locale.ROOT, "%-34s median %6.0f ms  (%.1fx the floor)  min %.0f max %.0f", what, m,
                m / floorMedian, Collections.min(ms), Collections.max(ms));
    }
}
