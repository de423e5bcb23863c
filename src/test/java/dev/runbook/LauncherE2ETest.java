package dev.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher the build writes next to the jar ({@code target/valkey-runbook}): it passes arguments through,
 * prints exactly what {@code java -jar} prints, really uses its class-data sharing archive, and still starts
 * when the archive is gone or reached through a symbolic link.
 */
class LauncherE2ETest {
    private static final Path JAR = Path.of(System.getProperty("runbook.jar", "target/valkey-runbook.jar"))
            .toAbsolutePath();
    private static final Path LAUNCHER = JAR.resolveSibling("valkey-runbook");

    @TempDir
    Path tmp;

    private record Result(int code, String out) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not exit: " + command);
        return new Result(p.exitValue(), out);
    }

    private static String withoutTimes(String s) {
        return s.replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>");
    }

    private static List<String> with(Path first, String... args) {
        List<String> c = new ArrayList<>(List.of(first.toString()));
        c.addAll(List.of(args));
        return c;
    }

    @Test
    void theLauncherPrintsWhatJavaDashJarPrints() throws Exception {
        Result viaJar = run(List.of("java", "-jar", JAR.toString(), "plan", "--env", "prod"), Map.of());
        Result viaLauncher = run(with(LAUNCHER, "plan", "--env", "prod"), Map.of());

        assertEquals(0, viaLauncher.code(), viaLauncher.out());
        // the previews' StartTime/EndTime are "now": the one thing allowed to differ
        assertEquals(withoutTimes(viaJar.out()), withoutTimes(viaLauncher.out()));
        assertTrue(viaLauncher.out().contains("goorm-popcorn-cache-prod"), viaLauncher.out());
    }

    @Test
    void argumentsWithSpacesAndBadInputPassThroughUnchanged() throws Exception {
        Result r = run(with(LAUNCHER, "plan", "--env", "no such env"), Map.of());

        assertEquals(2, r.code(), r.out());
        assertTrue(r.out().contains("no such env"), r.out());
        assertTrue(!r.out().contains("Exception"), r.out());
    }

    @Test
    void theArchiveIsReallyUsed() throws Exception {
        // -Xshare:on makes the JVM refuse to start when the archive cannot be mapped (wrong jar, wrong JDK)
        Result r = run(with(LAUNCHER, "--version"), Map.of("RUNBOOK_JAVA_OPTS", "-Xshare:on -Xlog:cds=info"));

        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("valkey-runbook.jsa"), r.out());
    }

    @Test
    void withoutTheArchiveOrThroughASymlinkItStillStarts() throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("bin"));
        Files.copy(LAUNCHER, copy.resolve("valkey-runbook"));
        Files.copy(JAR, copy.resolve("valkey-runbook.jar"));
        Path link = Files.createSymbolicLink(tmp.resolve("vr"), LAUNCHER);

        Result noArchive = run(with(copy.resolve("valkey-runbook"), "--version"), Map.of());
        Result viaLink = run(with(link, "--version"), Map.of());

        assertEquals(0, noArchive.code(), noArchive.out());
        assertTrue(noArchive.out().startsWith("valkey-runbook "), noArchive.out());
        assertEquals(0, viaLink.code(), viaLink.out());
        assertEquals(noArchive.out(), viaLink.out());
    }

    @Test
    void theVersionNamesTheCommitItWasBuiltFrom() throws Exception {
        Result r = run(with(LAUNCHER, "--version"), Map.of());
        Result head = run(List.of("git", "rev-parse", "--short=7", "HEAD"), Map.of());

        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().matches("valkey-runbook \\d+\\.\\d+\\.\\d+ \\(commit [0-9a-f]{7,}(\\+dirty)?, [0-9TZ:-]+\\)\\s*"),
                r.out());
        assertTrue(r.out().contains(head.out().trim()), r.out() + " vs HEAD " + head.out());
    }

    @Test
    void theBashCompletionCompletesCommandsAndOptions() throws Exception {
        Path script = tmp.resolve("completion.bash");
        Result gen = run(with(LAUNCHER, "generate-completion"), Map.of());
        assertEquals(0, gen.code(), gen.out());
        Files.writeString(script, gen.out());

        Result commands = run(List.of("bash", "-c", "source " + script + "; COMP_WORDS=(valkey-runbook re); "
                + "COMP_CWORD=1; _complete_valkey-runbook; echo \"${COMPREPLY[*]}\""), Map.of());
        Result options = run(List.of("bash", "-c", "source " + script + "; COMP_WORDS=(valkey-runbook rehearse --sp); "
                + "COMP_CWORD=2; _complete_valkey-runbook; echo \"${COMPREPLY[*]}\""), Map.of());

        assertEquals("rehearse report resume", String.join(" ", List.of(commands.out().trim().split("\\s+")).stream()
                .sorted().toList()), commands.out());
        assertTrue(options.out().contains("--speed"), options.out());
        assertNotEquals("", options.out().trim());
    }

    @Test
    void aResumeCommandItPrintsNamesTheLauncher() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.copy(Path.of("application.conf"), work.resolve("application.conf"));
        Files.createDirectories(work.resolve("runbooks"));
        Files.copy(Path.of("runbooks", "valkey-migration.conf"), work.resolve("runbooks").resolve("valkey-migration.conf"));
        Path out = work.resolve("out.txt");
        Process p = new ProcessBuilder(LAUNCHER.toString(), "rehearse", "--env", "dev", "--non-interactive")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (!Files.readString(out).contains("migrate/manual-snapshot")) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "never reached the snapshot: " + Files.readString(out));
            Thread.sleep(20);   // polling the output, bounded by the deadline
        }
        new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after SIGTERM");

        String printed = Files.readString(out);
        assertTrue(printed.contains("resume: " + LAUNCHER + " resume "), printed);
    }
}
