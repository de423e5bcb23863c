package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.aws.ElastiCacheXml;
import dev.runbook.aws.QueryProtocolServer;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With aws.region = "" the region comes from AWS_REGION (here its system-property twin aws.region, which the
 * SDK reads the same way): it is resolved, shown and recorded at the start with the endpoint override, the
 * report names it, and resume refuses a shell that resolves another region, naming both.
 */
class RunRegionTest {
    private static final Map<String, String> CREDENTIALS = Map.of("aws.accessKeyId", "AKIDEXAMPLE",
            "aws.secretAccessKey", "secret-example");

    @TempDir
    Path work;

    @AfterEach
    void clear() {
        CREDENTIALS.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrl");
        System.clearProperty("aws.region");
    }

    @Test
    void theResolvedRegionIsShownRecordedAndReportedAndResumeRefusesAnother() throws Exception {
        Path config = work.resolve("application.conf");
        Files.writeString(config, Files.readString(Path.of("application.conf"))
                .replace("region = \"ap-northeast-2\"", "region = \"\""));
        Path runs = work.resolve("runs");
        try (QueryProtocolServer aws = QueryProtocolServer.start()) {
            aws.on("GetCallerIdentity", QueryProtocolServer.Reply.xml(200, RunCommandTest.IDENTITY));
            aws.onElastiCache("DescribeReplicationGroups", ElastiCacheXml.groups(ElastiCacheXml.devGroup("available")));
            CREDENTIALS.forEach(System::setProperty);
            System.setProperty("aws.endpointUrl", aws.endpoint().toString());
            System.setProperty("aws.region", "ap-northeast-2");

            CliResult run = CliResult.run("run", "--env", "dev", "--dry-run", "--non-interactive", "--config",
                    config.toString(), "--runs-dir", runs.toString());

            assertTrue(run.out().contains("where: region ap-northeast-2 (from AWS_REGION) · endpoint override: "
                    + aws.endpoint()), run.out());
            assertTrue(run.out().contains("| AWS region | ap-northeast-2 (from AWS_REGION) · endpoint override: "
                    + aws.endpoint() + " |"), run.out());
            Path dir;
            try (Stream<Path> s = Files.list(runs)) {
                dir = s.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Map<String, String> facts = Journal.read(dir.resolve(Journal.FILE)).events().get(0).facts();
            assertEquals("ap-northeast-2", facts.get("region"));
            assertEquals("AWS_REGION", facts.get("region-source"));
            assertEquals(aws.endpoint().toString(), facts.get("endpoint-override"));

            // killed before its end, then resumed from a shell with another AWS_REGION
            List<String> lines = Files.readAllLines(dir.resolve(Journal.FILE));
            Files.write(dir.resolve(Journal.FILE), lines.stream().filter(l -> !l.contains("\"run-ended\"")).toList());
            String before = Files.readString(dir.resolve(Journal.FILE));
            System.setProperty("aws.region", "us-east-1");

            CliResult resumed = CliResult.run("resume", "--non-interactive", "--config", config.toString(),
                    "--runs-dir", runs.toString());

            assertEquals(2, resumed.code(), resumed.out() + resumed.err());
            assertEquals("error: run " + dir.getFileName() + " ran in region ap-northeast-2 but this shell resolves"
                    + " us-east-1 (from AWS_REGION): resume only goes to ap-northeast-2; unset AWS_REGION or set it to"
                    + " ap-northeast-2, then resume\n", resumed.err());
            assertEquals(before, Files.readString(dir.resolve(Journal.FILE)), "the refused resume journaled something");
            assertTrue(aws.requests().stream().noneMatch(r -> r.path() != null && r.params().containsKey("Region")));
        }
    }
}
