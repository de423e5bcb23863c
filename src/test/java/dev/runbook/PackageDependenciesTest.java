package dev.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of src/main, read from the source: which top-level package ({@code dev.runbook.X}, its subpackages
 * included) names which. The direction is one way —
 * {@code cli → tui → report → run → aws → ssm/runbook → action → config} (each may use any package to its right)
 * — so a test fails on any cycle between top-level packages, on the TUI reaching the AWS SDK or the cache client,
 * and on an action reaching the TUI. A name counts whether it is imported or written out in full.
 */
class PackageDependenciesTest {
    private static final Path MAIN = Path.of("src/main/java/dev/runbook");
    private static final Pattern OURS = Pattern.compile("\\bdev\\.runbook\\.([a-z]+)\\.[A-Za-z]");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    /** The layers, top to bottom; {@code root} is dev.runbook itself (Main). */
    static final List<String> LAYERS = List.of("root", "cli", "tui", "report", "run", "aws", "ssm", "runbook",
            "action", "config");

    @Test
    void noCycleBetweenTopLevelPackages() {
        Map<String, Set<String>> uses = graph();
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                if (reaches(uses, to, from, new TreeSet<>())) {
                    cycles.add(from + " -> " + to + " -> ... -> " + from);
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles; the graph: " + uses);
    }

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() {
        Map<String, Set<String>> uses = graph();
        assertEquals(new TreeSet<>(LAYERS), new TreeSet<>(uses.keySet()), "a top-level package is missing from LAYERS");
        List<String> upwards = new ArrayList<>();
        uses.forEach((from, tos) -> tos.stream().filter(to -> LAYERS.indexOf(to) < LAYERS.indexOf(from))
                .forEach(to -> upwards.add(from + " -> " + to)));
        assertEquals(List.of(), upwards, "a package uses one above it");
    }

    @Test
    void theTuiReachesNeitherTheAwsSdkNorTheCacheClient() {
        List<String> found = new ArrayList<>();
        sources("tui").forEach(f -> imports(f).stream().filter(i -> i.startsWith("software.amazon.")
                || i.startsWith("redis.clients.") || i.startsWith("dev.runbook.action.dataplane.")
                || i.startsWith("dev.runbook.aws.")).forEach(i -> found.add(MAIN.relativize(f) + ": " + i)));
        assertEquals(List.of(), found);
    }

    @Test
    void actionsNeverReachTheTui() {
        List<String> found = new ArrayList<>();
        sources("action").forEach(f -> imports(f).stream().filter(i -> i.startsWith("dev.runbook.tui.")
                || i.startsWith("com.googlecode.lanterna.")).forEach(i -> found.add(MAIN.relativize(f) + ": " + i)));
        assertEquals(List.of(), found);
    }

    @Test
    void theScanSeesWhatItChecks() {
        // a scan that read nothing would pass every rule above
        Map<String, Set<String>> uses = graph();
        assertTrue(uses.get("cli").contains("run"), uses.toString());
        assertTrue(uses.get("action").contains("config"), uses.toString());
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        return uses.getOrDefault(from, Set.of()).stream().anyMatch(n -> reaches(uses, n, target, seen));
    }

    /** Top-level package → the top-level packages its sources name (imports and fully qualified names). */
    static Map<String, Set<String>> graph() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String from = topLevel(f);
                Set<String> tos = uses.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = OURS.matcher(code(f));
                while (m.find()) {
                    String to = m.group(1);
                    if (!to.equals(from)) {
                        tos.add(to);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    private static String topLevel(Path file) {
        Path rel = MAIN.relativize(file);
        return rel.getNameCount() == 1 ? "root" : rel.getName(0).toString();
    }

    /** The source without its package line and comments (a Javadoc may name any class). */
    private static String code(Path f) {
        try {
            return Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                    .replaceFirst("package [\\w.]+;", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> imports(Path f) {
        List<String> out = new ArrayList<>();
        Matcher m = IMPORT.matcher(code(f));
        while (m.find()) {
            out.add(m.group(2));
        }
        Matcher q = Pattern.compile("\\b(software\\.amazon\\.[\\w.]+|redis\\.clients\\.[\\w.]+|dev\\.runbook\\.[\\w.]+)")
                .matcher(code(f).replaceAll("(?m)^import .*$", ""));
        while (q.find()) {
            out.add(q.group(1));
        }
        return out;
    }

    private static List<Path> sources(String pkg) {
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
