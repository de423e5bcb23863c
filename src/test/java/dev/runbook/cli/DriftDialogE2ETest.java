package dev.runbook.cli;

import dev.runbook.aws.QueryProtocolServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import dev.runbook.tui.Tmux;
import dev.runbook.tui.TuiDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live drift rule on a real terminal: the jar runs {@code run --env dev} (live) in tmux at 80x24 against a
 * local AWS endpoint (AWS_ENDPOINT_URL, dummy credentials) that now answers another node type and engine version
 * than the dry run recorded. The manual snapshot step is stopped by a dialog showing the difference field by
 * field; a wrong word keeps it open, Esc stops the step (nothing sent), the typed word leads on to the step's own
 * confirmation, and the journal holds the accepted difference.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class DriftDialogE2ETest {
    private static final Path JAR = Path.of(System.getProperty("runbook.jar", "target/valkey-runbook.jar"));
    private static final String RUNBOOK = """
            runbook {
              id = drift-e2e
              title = "Drift guard walk-through"
              sections = [
                { id = precheck, title = "Pre-check", guide = "사전 준비", steps = [
                  { id = describe-group, title = "The group runs Redis 7.0", guide = "확인",
                    action = elasticache.describe-replication-group,
                    with { replication-group = ${env.replication-group-id}, expect-engine = redis, expect-version = "7.0" } }
                ]}
                { id = migrate, title = "Migrate", guide = "마이그레이션", steps = [
                  { id = manual-snapshot, title = "Take a manual snapshot", guide = "수동 스냅샷",
                    action = elasticache.create-snapshot, with { replication-group = ${env.replication-group-id} } }
                ]}
              ]
            }
            """;

    @TempDir
    Path work;

    @Test
    void theDialogShowsTheDifferenceAt80x24AndGoesOnOnlyOnTheTypedWord() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed");
        assumeTrue(Files.isRegularFile(JAR), "no jar at " + JAR + " (run mvn verify)");
        TuiDriver.prepare(work);
        Path config = DryRunAws.settings(work);
        Path runbook = work.resolve("runbooks").resolve("drift.conf");
        Files.writeString(runbook, RUNBOOK);
        Path runs = work.resolve("runs");
        try (DryRunAws aws = new DryRunAws(s -> { }).group("cache.t4g.micro", "7.0.7")) {
            // the jar, as the operator runs it (this JVM's -Drunbook.jar would read as a setting in-process)
            ProcessBuilder pb = new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString(), "run", "--env",
                    "dev", "--dry-run", "--non-interactive", "--region", "ap-northeast-2", "--runbook",
                    "runbooks/drift.conf").directory(work.toFile()).redirectErrorStream(true);
            pb.environment().put("AWS_ENDPOINT_URL", aws.server.endpoint().toString());
            pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "secret-example");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int code = p.waitFor();
            assertEquals(0, code, "the dry run of this small runbook is clean:\n" + out);
        }
        try (DryRunAws aws = new DryRunAws(QueryProtocolServer::keepingTags).group("cache.t4g.small", "7.0.9");
             Tmux tmux = Tmux.start("runbook-drift", 80, 24, work, "AWS_ENDPOINT_URL=" + aws.server.endpoint()
                     + " AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret-example java -jar "
                     + JAR.toAbsolutePath() + " run --env dev --region ap-northeast-2 --runbook runbooks/drift.conf")) {
            String prompt = tmux.waitFor(s -> s.contains("Proceed with the LIVE run? [y/N]"), Duration.ofSeconds(30),
                    "the identity prompt");
            String listing;
            try (Stream<Path> files = Files.walk(runs)) {
                listing = String.join("\n", files.map(Path::toString).toList());
            }
            assertTrue(prompt.contains("held to dry run "), prompt + listing);
            tmux.type("y");
            tmux.keys("Enter");
            tmux.waitFor(TuiDriver::fullScreen, Duration.ofSeconds(30), "the first full screen");
            tmux.keys("Enter");
            tmux.waitFor(s -> s.contains("✓ describe-group"), Duration.ofSeconds(30), "describe-group done");
            tmux.keys("Enter");
            String dialog = tmux.waitFor(s -> s.contains("Drift since the dry run") && s.contains("Esc = stop"),
                    Duration.ofSeconds(30), "the whole drift dialog");
            assertTrue(dialog.contains("≠ node-type: cache.t4g.micro → cache.t4g.small"), dialog);
            assertTrue(dialog.contains("≠ engine-version: 7.0.7 → 7.0.9"), dialog);
            assertTrue(dialog.contains("Type drift and Enter to send it anyway"), dialog);
            assertTrue(dialog.lines().allMatch(l -> l.codePointCount(0, l.length()) <= 80), dialog);
            assertEquals(24, dialog.split("\n", -1).length - 1, dialog);

            tmux.type("yes");
            tmux.keys("Enter");
            tmux.waitFor(s -> s.contains("'yes' is not drift"), Duration.ofSeconds(10), "the wrong-word message");
            tmux.keys("Escape");
            tmux.waitFor(s -> s.contains("not sent: it differs from dry run"), Duration.ofSeconds(10), "stopped");

            tmux.keys("Enter");
            tmux.waitFor(s -> s.contains("Drift since the dry run") && s.contains("Esc = stop"), Duration.ofSeconds(30),
                    "the dialog again");
            tmux.type("drift");
            tmux.keys("Enter");
            tmux.waitFor(s -> s.contains("y = go ahead"), Duration.ofSeconds(10), "the step's own confirmation");
            tmux.type("n");
            tmux.waitFor(s -> s.contains("not confirmed, nothing sent"), Duration.ofSeconds(10), "declined");
            tmux.type("q");
            tmux.waitFor(s -> s.contains("Quit"), Duration.ofSeconds(10), "the quit question");
            tmux.type("y");
            tmux.waitFor(s -> s.contains("exit code 1"), Duration.ofSeconds(30), "the end");
            // the run's lease on the group (taken before the first change, released at the end) is the only write
            assertEquals(List.of(), aws.writes().stream().filter(w -> !w.endsWith("TagsToResource")
                    && !w.equals("RemoveTagsFromResource")).toList(), "nothing of the migration reached AWS");
            assertTrue(aws.server.requests("RemoveTagsFromResource").size() == 1, "the lease was released");
        }
        Path live;
        try (Stream<Path> s = Files.list(runs)) {
            live = s.sorted().toList().get(1);
        }
        List<JournalEvent> events = Journal.read(live.resolve(Journal.FILE)).events();
        JournalEvent accepted = events.stream().filter(e -> e.event().equals("drift-accepted")).findFirst().orElseThrow();
        assertEquals("cache.t4g.micro → cache.t4g.small", accepted.facts().get("node-type"));
        String report = Files.readString(live.resolve("report.md"));
        assertTrue(report.contains("## Since the dry run"), report);
    }
}
