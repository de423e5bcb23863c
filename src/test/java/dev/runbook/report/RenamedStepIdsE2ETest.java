package dev.runbook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report reads each measurement by what it is (the kind its action declares), never by a step's id: a dev
 * rehearsal of a copy of the runbook with every step id renamed gives the same report as the same journal with
 * the shipped ids, apart from the ids — and every section the simulation measures is measured.
 */
class RenamedStepIdsE2ETest {
    private static final String JAR = System.getProperty("runbook.jar", "target/valkey-runbook.jar");
    private static final Pattern STEP_ID = Pattern.compile("(?m)^(          id = )([a-z-]+)$");

    @TempDir
    Path tmp;

    @Test
    void renamingEveryStepIdLeavesTheRehearsalReportTheSameApartFromTheIds() throws Exception {
        String shipped = Files.readString(Path.of("runbooks", "valkey-migration.conf"));
        String renamed = STEP_ID.matcher(shipped).replaceAll("$1x-$2")
                .replace("requires = [withdraw-pending-upgrade]", "requires = [x-withdraw-pending-upgrade]");
        assertEquals(30, STEP_ID.matcher(renamed).results().filter(m -> m.group(2).startsWith("x-")).count());
        Path runbook = tmp.resolve("renamed.conf");
        Files.writeString(runbook, renamed);
        Path runs = tmp.resolve("runs");

        String out = run("rehearse", "--env", "dev", "--non-interactive", "--speed", "600", "--runbook",
                runbook.toString(), "--runs-dir", runs.toString());
        Path dir = only(runs);
        run("report", dir.getFileName().toString(), "--runs-dir", runs.toString());
        String report = Files.readString(dir.resolve("report.md"));

        // the same journal and runbook with the shipped ids, reported again
        Path back = tmp.resolve("back").resolve(dir.getFileName());
        Files.createDirectories(back);
        for (String f : new String[] {"journal.jsonl", "runbook.conf", "settings.conf"}) {
            Files.writeString(back.resolve(f), unrename(Files.readString(dir.resolve(f))));
        }
        run("report", back.getFileName().toString(), "--runs-dir", back.getParent().toString());
        String shippedReport = Files.readString(back.resolve("report.md"));

        assertEquals(shippedReport, unrename(report), out);
        assertTrue(report.contains("| total downtime | "), report);
        assertFalse(report.contains("| total downtime | not measured"), report);
        assertFalse(report.contains("| result | not measured"), report);
        assertTrue(report.contains("Manual snapshot taken before the change: **goorm-popcorn-cache-dev-pre-valkey-"),
                report);
        assertTrue(report.contains("| x-describe-group |") || report.contains("precheck/x-describe-group"), report);
    }

    /** Every x-<id> step key or id back to <id>. */
    private static String unrename(String text) {
        return text.replaceAll("(?<=[/ \\[\"])x-(?=[a-z])", "");
    }

    private static Path only(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private String run(String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "java";
        cmd[1] = "-jar";
        cmd[2] = JAR;
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
