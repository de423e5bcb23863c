package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.Main;
import dev.runbook.aws.AwsStub;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run against a stand-in AWS endpoint: the caller identity is shown and recorded, and a live run asks first. */
class RunCommandTest {
    static final String IDENTITY = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/oncall</Arn><UserId>AIDEXAMPLE</UserId>"
            + "<Account>123456789012</Account></GetCallerIdentityResult>"
            + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
    static final InputStream STDIN = System.in;

    @TempDir
    Path runs;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @org.junit.jupiter.api.BeforeEach
    void aTerminal() {
        // the live run is declined at its y/N prompt, before the TUI would need a terminal
        RunSetup.terminalCheck = () -> null;
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(STDIN);
        RunSetup.terminalCheck = dev.runbook.tui.RunbookTui::whyNoTerminal;
    }

    int main(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void liveShowsWhoAndWhatThenStopsUnlessTheOperatorSaysYes() throws Exception {
        System.setIn(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)));
        try (AwsStub aws = new AwsStub(200, IDENTITY)) {
            assertEquals(1, main("run", "--env", "dev", "--region", "ap-northeast-2", "--runs-dir", runs.toString()),
                    err.toString());
            assertEquals(1, aws.bodies.size(), "only STS GetCallerIdentity was sent");
            assertTrue(aws.bodies.get(0).startsWith("Action=GetCallerIdentity"), aws.bodies.get(0));
        }
        assertTrue(out.toString().startsWith("AWS account 123456789012 as arn:aws:iam::123456789012:user/oncall\n"
                + "target: replication group goorm-popcorn-cache-dev (dev) · AWS ap-northeast-2, account 123456789012\n"
                + "where: region ap-northeast-2 (from --region or aws.region) · endpoint override: http://127.0.0.1:"),
                out.toString());
        assertTrue(out.toString().contains("\nNOTE: no dry run of dev (goorm-popcorn-cache-dev) within 7d under " + runs
                + ": this run is held to nothing reviewed (run --dry-run first, or name one with --after-dry-run RUN_ID)\n"
                + "Proceed with the LIVE run? [y/N] not confirmed: nothing was done (run folder "), out.toString());
    }

    @Test
    void nonInteractiveDryRunRecordsTheIdentityAndRunsWithoutAsking() throws Exception {
        try (AwsStub aws = new AwsStub(200, IDENTITY)) {
            int code = main("run", "--env", "dev", "--dry-run", "--non-interactive", "--region", "ap-northeast-2",
                    "--runs-dir", runs.toString());
            assertTrue(code == 0 || code == 1, "ends like any run: " + code);
        }
        Path dir;
        try (Stream<Path> s = Files.list(runs)) {
            dir = s.findFirst().orElseThrow();
        }
        JournalEvent started = Journal.read(dir.resolve(Journal.FILE)).events().get(0);
        assertEquals("DRY-RUN", started.facts().get("mode"));
        assertEquals("123456789012", started.facts().get("account"));
        assertEquals("arn:aws:iam::123456789012:user/oncall", started.facts().get("identity"));
        assertEquals("ap-northeast-2", started.facts().get("region"), "resume reaches the same region");
        assertTrue(Files.isRegularFile(dir.resolve("report.md")));
    }

    @Test
    void credentialsThatCannotBeFoundAreOneLineAndExitTwo(@TempDir Path aws) throws Exception {
        // a profile that exists but holds no credentials
        Path config = Files.writeString(aws.resolve("config"), "[profile no-keys]\nregion = ap-northeast-2\n");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", aws.resolve("credentials").toString());
        try {
            int code = main("run", "--env", "dev", "--dry-run", "--non-interactive", "--region", "ap-northeast-2",
                    "--profile", "no-keys", "--runs-dir", runs.toString());
            assertEquals(2, code, err.toString());
            assertTrue(err.toString().startsWith("error: No usable AWS credentials were found (missing or expired) to"
                    + " tell who the AWS credentials are (STS GetCallerIdentity): log in again (aws sso login) or set"
                    + " runbook.aws.profile, then retry."), err.toString());
            assertEquals(1, err.toString().lines().count(), err.toString());
            try (Stream<Path> s = Files.list(runs)) {
                assertEquals(0, s.count(), "a run that never started leaves no run folder");
            }
        } finally {
            System.clearProperty("aws.configFile");
            System.clearProperty("aws.sharedCredentialsFile");
        }
    }
}
