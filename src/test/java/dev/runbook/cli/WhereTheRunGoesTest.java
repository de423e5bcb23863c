package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live or dry run aimed at the wrong place is an input error naming it (exit 2, one line), before any AWS
 * call and without a run folder: a region that is not an AWS region, a profile that does not exist, an endpoint
 * override nothing answers on.
 */
class WhereTheRunGoesTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clearProperties() {
        for (String p : new String[] {"aws.configFile", "aws.sharedCredentialsFile", "aws.endpointUrl",
                "aws.accessKeyId", "aws.secretAccessKey"}) {
            System.clearProperty(p);
        }
    }

    private Path runs() {
        return tmp.resolve("runs");
    }

    private CliResult dryRun(String... extra) {
        String[] base = {"run", "--env", "dev", "--dry-run", "--non-interactive", "--runs-dir", runs().toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliResult.run(args);
    }

    private void noRunFolder() throws IOException {
        if (Files.isDirectory(runs())) {
            try (Stream<Path> s = Files.list(runs())) {
                assertEquals(0, s.count(), "no run folder for a run that never started");
            }
        }
    }

    @Test
    void aRegionThatIsNotAnAwsRegionIsAnInputErrorNamingIt() throws IOException {
        CliResult r = dryRun("--region", "nowhere-1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: region 'nowhere-1' (--region / runbook.aws.region) is not an AWS region:"
                + " check the name"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        noRunFolder();
    }

    @Test
    void aProfileThatDoesNotExistIsSaidToNotExistAndTheKnownOnesAreNamed() throws IOException {
        Path config = Files.writeString(tmp.resolve("config"), "[default]\nregion = ap-northeast-2\n[profile oncall]\nregion = ap-northeast-2\n");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", tmp.resolve("no-credentials").toString());
        CliResult r = dryRun("--region", "ap-northeast-2", "--profile", "nope");
        assertEquals(2, r.code(), r.err());
        assertEquals("error: AWS profile 'nope' does not exist in " + config + " or " + tmp.resolve("no-credentials")
                + " (known: default, oncall): check --profile / runbook.aws.profile, or aws configure --profile nope\n",
                r.err());
        assertFalse(r.err().contains("missing or expired"), r.err());
        noRunFolder();
    }

    @Test
    void anEndpointOverrideNothingAnswersOnIsNamedWithTheUnreachableNetwork() throws IOException {
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "secret-example");
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:1");
        CliResult r = dryRun("--region", "ap-northeast-2");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("(network unreachable or timed out): the endpoint override http://127.0.0.1:1"
                + " (aws.endpointUrl) is in effect"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        noRunFolder();
    }
}
