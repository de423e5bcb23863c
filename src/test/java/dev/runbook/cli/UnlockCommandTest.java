package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.Main;
import dev.runbook.aws.ElastiCacheXml;
import dev.runbook.aws.LeaseValue;
import dev.runbook.aws.QueryProtocolServer;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unlock --env ENV} through the SDK's HTTP stack against a local endpoint: shows the holder, breaks the
 * lease only for the typed group id, journals each attempt in its own folder under runs/unlocks/.
 */
class UnlockCommandTest {
    static final String G = "goorm-popcorn-cache-dev";
    static final InputStream STDIN = System.in;
    static final Map<String, String> AWS = Map.of("aws.accessKeyId", "AKIDEXAMPLE", "aws.secretAccessKey", "secret");
    static final LeaseValue HELD = new LeaseValue("20261201-090000-dev", "bob@bastion-2",
            Instant.now().plusSeconds(1200));

    @TempDir
    Path runs;
    final QueryProtocolServer aws = QueryProtocolServer.start();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void pointTheSdkAtTheLocalEndpoint() {
        AWS.forEach(System::setProperty);
        System.setProperty("aws.endpointUrl", aws.endpoint().toString());
        aws.onElastiCache("DescribeReplicationGroups", ElastiCacheXml.groups(ElastiCacheXml.devGroup("available")));
    }

    @AfterEach
    void restore() {
        System.setIn(STDIN);
        AWS.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrl");
        aws.close();
    }

    int unlock(String typed) {
        System.setIn(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
        return Main.run(new String[] {"unlock", "--env", "dev", "--region", "ap-northeast-2", "--runs-dir",
                runs.toString()}, new PrintWriter(out), new PrintWriter(err));
    }

    private List<JournalEvent> journal() throws Exception {
        try (Stream<Path> s = Files.list(runs.resolve("unlocks"))) {
            List<Path> dirs = s.toList();
            assertEquals(1, dirs.size(), "one folder per unlock");
            assertTrue(dirs.get(0).getFileName().toString().matches("\\d{8}-\\d{6}-dev"), dirs.toString());
            return Journal.read(dirs.get(0).resolve(Journal.FILE)).events();
        }
    }

    @Test
    void showsTheHolderAndBreaksTheLeaseForTheTypedGroupId() throws Exception {
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags(LeaseValue.TAG, HELD.format()),
                ElastiCacheXml.tags(LeaseValue.TAG, HELD.format()), ElastiCacheXml.tags());
        aws.onElastiCache("RemoveTagsFromResource", ElastiCacheXml.tags());

        assertEquals(0, unlock(G + "\n"), out + " " + err);

        assertTrue(out.toString().startsWith("lease on " + G + ": run 20261201-090000-dev (bob@bastion-2), since"
                + " 2026-12-01T09:00:00Z, until " + HELD.expires() + "\nWARNING: it holds 19 min more: run"
                + " 20261201-090000-dev may still be changing the group."), out.toString());
        assertTrue(out.toString().contains("lease broken: " + G + " is free"), out.toString());
        assertEquals(1, aws.requests("RemoveTagsFromResource").size());
        assertEquals(ElastiCacheXml.arn(G), aws.requests("RemoveTagsFromResource").get(0).params().get("ResourceName"));
        assertEquals(List.of("run-started", "confirmed", "lease-broken", "run-ended"),
                journal().stream().map(JournalEvent::event).toList());
        assertEquals("UNLOCK", journal().get(0).facts().get("mode"));
        assertTrue(Files.list(runs).noneMatch(p -> Files.exists(p.resolve(Journal.FILE))),
                "report and resume never pick an unlock folder as a run");
    }

    @Test
    void anythingButTheGroupIdKeepsTheLease() throws Exception {
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags(LeaseValue.TAG, HELD.format()));

        assertEquals(1, unlock("yes\n"));

        assertTrue(out.toString().contains("not confirmed: the lease was left as it is"), out.toString());
        assertTrue(aws.requests("RemoveTagsFromResource").isEmpty());
        assertEquals(List.of("run-started", "aborted", "run-ended"), journal().stream().map(JournalEvent::event).toList());
    }

    @Test
    void noLeaseIsNothingToDo() throws Exception {
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags("team", "popcorn"));

        assertEquals(0, unlock(""));

        assertTrue(out.toString().startsWith("nobody holds the lease on " + G + " (no tag valkey-runbook:lock):"
                + " nothing to unlock"), out.toString());
        assertEquals("no lease: nothing done", journal().get(journal().size() - 1).summary());
    }

    @Test
    void aMissingPermissionIsOneSentenceNamingIt() throws Exception {
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags(LeaseValue.TAG, HELD.format()));
        aws.onError("RemoveTagsFromResource", 403, "AccessDenied", "not authorized");

        assertEquals(1, unlock(G + "\n"));

        assertEquals("error: The AWS identity may not remove the lease tag from " + G + " (AccessDenied): grant it"
                + " elasticache:RemoveTagsFromResource on the replication group, then retry.\n", err.toString());
    }
}
