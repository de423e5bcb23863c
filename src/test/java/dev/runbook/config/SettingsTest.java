package dev.runbook.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.config.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheGuidesValuesForDevAndProd() {
        Settings s = TestSettings.load();
        Environment dev = s.environment("dev");
        assertEquals("goorm-popcorn-cache-dev", dev.replicationGroupId());
        assertEquals("cache.t4g.micro", dev.nodeType());
        assertEquals("redis 7.0", dev.source().toString());
        assertEquals("8.0", dev.target().version());
        assertEquals("sun:05:00-sun:07:00", dev.maintenanceWindow());
        assertTrue(dev.applyImmediately());
        Environment prod = s.environment("prod");
        assertEquals(2, prod.numCacheClusters());
        assertEquals(1, prod.currentNumCacheClusters());
        assertTrue(prod.multiAz() && prod.automaticFailover() && prod.transitEncryption());
        assertEquals("type-id", prod.confirmRisky());
        assertEquals("popcorn-terraform-feature/envs/prod", prod.terraformDir());
    }

    @Test
    void pricesGiveValkeyTwentyPercentBelowRedis() {
        Prices p = TestSettings.load().prices();
        assertEquals(11.68, p.monthly("cache.t4g.micro", "redis", 1).orElseThrow(), 0.001);
        assertEquals(9.344, p.monthly("cache.t4g.micro", "valkey", 1).orElseThrow(), 0.001);
        assertTrue(p.monthly("cache.r7g.large", "redis", 1).isEmpty());
    }

    @Test
    void unknownEnvironmentNamesTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TestSettings.load().environment("staging"));
        assertEquals("unknown environment 'staging' (known: dev, prod)", e.getMessage());
    }

    @Test
    void missingSettingsFileSaysWhereItLooked() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Settings.load(dir.resolve("application.conf")));
        assertTrue(e.getMessage().startsWith("settings file not found: " + dir.resolve("application.conf")),
                e.getMessage());
    }

    @Test
    void wrongMaintenanceWindowNamesFileLineAndKey() throws IOException {
        Path f = withProd("maintenance-window = \"sun:04:00-sun:06:00\"", "maintenance-window = \"sun 04:00\"");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "sun 04:00")
                + ": runbook.environments.prod.maintenance-window: 'sun 04:00' is not a window ddd:hh:mm-ddd:hh:mm (UTC)",
                e.getMessage());
    }

    @Test
    void invalidReplicationGroupIdIsRejected() throws IOException {
        Path f = withProd("\"goorm-popcorn-cache-prod\"", "\"Goorm--prod-\"");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertTrue(e.getMessage().startsWith(f + ":" + lineOf(f, "Goorm--prod-")
                + ": runbook.environments.prod.replication-group-id: 'Goorm--prod-' is not a valid replication group id"),
                e.getMessage());
    }

    @Test
    void misspeltKeyIsAnErrorNotIgnored() throws IOException {
        Path f = withProd("multi-az = true", "multi-az = true\n      multi_az = true");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "multi_az") + ": unknown key 'runbook.environments.prod.multi_az'",
                e.getMessage());
    }

    @Test
    void wrongTypeIsAnErrorWithFileAndLine() throws IOException {
        Path f = withProd("apply-immediately = false", "apply-immediately = sometimes");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "sometimes")
                + ": runbook.environments.prod.apply-immediately: expected true or false", e.getMessage());
    }

    @Test
    void multiAzWithoutReplicaIsRejected() throws IOException {
        Path f = withProd("num-cache-clusters = 2", "num-cache-clusters = 1");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertTrue(e.getMessage().endsWith("Multi-AZ needs automatic-failover = true and num-cache-clusters >= 2"),
                e.getMessage());
    }

    @Test
    void malformedHoconIsOneLineWithFileAndLine() throws IOException {
        Path f = dir.resolve("application.conf");
        Files.writeString(f, "runbook {\n  aws { region = \"x\"\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void prodIsProductionAndItsBenchmarkOnlyReadsUnlessTheSettingsSayWrites() throws IOException {
        Settings s = TestSettings.load();
        assertTrue(s.environment("prod").production());
        assertEquals(new Environment.BenchmarkWrites(false, "runbook-benchmark:", 0), s.environment("prod").dataPlane().benchmark());
        assertEquals(new Environment.BenchmarkWrites(true, "runbook-benchmark:", 0), s.environment("dev").dataPlane().benchmark());
        assertEquals("", s.environment("prod").dataPlane().caFile());

        Path f = withProd("auth-token-file = \"\" }", "auth-token-file = \"\", ca-file = \"/etc/ca.pem\",\n"
                + "        benchmark { writes = true, key-prefix = \"bench:\", db = 3 } }");
        Environment.DataPlane dp = Settings.load(f).environment("prod").dataPlane();
        assertEquals(new Environment.BenchmarkWrites(true, "bench:", 3), dp.benchmark());
        assertEquals("/etc/ca.pem", dp.caFile());
    }

    @Test
    void anEnvironmentMustSayWhetherItIsProduction() throws IOException {
        Path f = withProd("production = true", "");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("runbook.environments.prod.production"), e.getMessage());
    }

    @Test
    void aBenchmarkKeyPrefixThatIsAPatternIsRejected() throws IOException {
        Path f = withProd("auth-token-file = \"\" }", "auth-token-file = \"\",\n        benchmark { key-prefix = \"app*\" } }");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "app*") + ": runbook.environments.prod.data-plane.benchmark.key-prefix: 'app*' is "
                + "not 3-64 characters without spaces or the SCAN pattern characters * ? [ ] \\", e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "sun:06:00-sun:04:00 | lasts 6d22h00m (ElastiCache needs 60 minutes to 24 hours); are start and end swapped?",
        "sun:04:00-sun:04:30 | lasts 0h30m (ElastiCache needs 60 minutes to 24 hours)",
        "sun:04:00-mon:06:00 | lasts 1d2h00m (ElastiCache needs 60 minutes to 24 hours)",
        "sun:04:00-sun:04:00 | starts and ends at the same time (ElastiCache needs 60 minutes to 24 hours)"})
    void aMaintenanceWindowOutsideAwssSixtyMinutesToADayIsRefusedOnTheSettingsOwnLine(String window, String why)
            throws IOException {
        Path f = withProd("maintenance-window = \"sun:04:00-sun:06:00\"", "maintenance-window = \"" + window + "\"");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, window) + ": runbook.environments.prod.maintenance-window: maintenance window '"
                + window + "' " + why, e.getMessage());
    }

    @Test
    void windowsOfExactlyAnHourAndADayAreAccepted() throws IOException {
        assertEquals("sun:04:00-sun:05:00", Settings.load(withProd("\"sun:04:00-sun:06:00\"", "\"sun:04:00-sun:05:00\""))
                .environment("prod").maintenanceWindow());
        assertEquals("sat:23:00-sun:23:00", Settings.load(withProd("\"sun:04:00-sun:06:00\"", "\"sat:23:00-sun:23:00\""))
                .environment("prod").maintenanceWindow());
    }

    @Test
    void prodPointingAtTheDevGroupIsRefusedNamingBothLines() throws IOException {
        Path f = withProd("\"goorm-popcorn-cache-prod\"", "\"goorm-popcorn-cache-dev\"");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + (lineOf(f, "prod {") + 1) + ": runbook.environments.prod.replication-group-id:"
                + " 'goorm-popcorn-cache-dev' is also the replication group of environment 'dev' (" + f + ":"
                + lineOf(f, "\"goorm-popcorn-cache-dev\"") + "): point each environment at its own group, or list the id"
                + " in runbook.shared-replication-groups if sharing it is intended", e.getMessage());
    }

    @Test
    void aSharedGroupIsAcceptedWhenTheSettingsSayItIsIntended() throws IOException {
        Path f = withProd("\"goorm-popcorn-cache-prod\"", "\"goorm-popcorn-cache-dev\"");
        Files.writeString(f, Files.readString(f).replaceFirst("runbook \\{",
                "runbook {\n  shared-replication-groups = [\"goorm-popcorn-cache-dev\"]"));
        assertEquals("goorm-popcorn-cache-dev", Settings.load(f).environment("prod").replicationGroupId());
    }

    @Test
    void aDuplicatedEnvironmentBlockIsWarnedAboutWithBothLines() throws IOException {
        Path f = dir.resolve("application.conf");
        String text = Files.readString(Path.of("application.conf"));
        int close = text.lastIndexOf("  prices {");
        Files.writeString(f, text.substring(0, close) + "  environments.prod { node-type = \"cache.t4g.medium\" }\n\n"
                + text.substring(close));
        assertEquals("cache.t4g.medium", Settings.load(f).environment("prod").nodeType(), "HOCON merged it");
        assertEquals(java.util.List.of(f + ":" + lineOf(f, "    prod {") + " and " + f + ":"
                        + lineOf(f, "environments.prod {") + ": environment 'prod' is defined more than once; HOCON merges"
                        + " the blocks and the later values win: keep one"), Settings.warnings(f));
        assertEquals(java.util.List.of(), Settings.warnings(Path.of("application.conf")));
    }

    @Test
    void aRequiredIncludeThatFindsNothingNamesTheFileAndLine() throws IOException {
        Path f = dir.resolve("application.conf");
        Files.writeString(f, Files.readString(Path.of("application.conf")) + "\ninclude required(\"missing.conf\")\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "include required") + ": include required(\"missing.conf\") finds no file"
                + " (looked for " + dir.resolve("missing.conf") + " and on the classpath)", e.getMessage());
    }

    @Test
    void aPlainIncludeThatFindsNothingIsAWarningNotSilence() throws IOException {
        Path f = dir.resolve("application.conf");
        Files.writeString(f, Files.readString(Path.of("application.conf")) + "\ninclude \"missing.conf\"\n");
        Settings.load(f);
        assertEquals(java.util.List.of(f + ":" + lineOf(f, "include \"missing") + ": include \"missing.conf\" finds no"
                + " file, so it adds nothing (HOCON ignores a missing include; write include required(\"missing.conf\")"
                + " to make it an error)"), Settings.warnings(f));
    }

    @Test
    void anEmptyRunsDirInTheSettingsIsRefused() throws IOException {
        Path f = dir.resolve("application.conf");
        Files.writeString(f, Files.readString(Path.of("application.conf")).replaceFirst("runbook \\{",
                "runbook {\n  runs-dir = \"\""));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "runs-dir") + ": runbook.runs-dir: an empty path is not a folder; name one (the default is \"runs\")",
                e.getMessage());
    }

    @Test
    void theLeaseDefaultsToThirtyMinutesRenewedEveryTen() {
        Settings s = TestSettings.load();
        assertEquals(new LeaseSettings(java.time.Duration.ofMinutes(30), java.time.Duration.ofMinutes(10)), s.lease());
    }

    @Test
    void aRenewalSlowerThanHalfTheLeaseIsRefusedWithFileAndLine() throws IOException {
        Path f = dir.resolve("application.conf");
        Files.writeString(f, Files.readString(Path.of("application.conf"))
                + "\nrunbook.lease {\n  duration = 20m\n  renew-every = 15m\n}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "renew-every = 15m") + ": runbook.lease.renew-every: 15m is more than half of"
                + " lease.duration (20m): the lease could expire between two renewals", e.getMessage());
    }

    @Test
    void theBreachRulesDefaultToFiveMinutesFailingAndAFiftyMillisecondP99() {
        Thresholds t = TestSettings.load().thresholds();
        assertEquals(5, t.breachMinutes());
        assertEquals(Thresholds.OnBreach.FAIL, t.onBreach());
        assertEquals(50.0, t.probeP99Millis());
    }

    @Test
    void aNegativeBreachLengthIsOneLineWithFileAndLine() throws IOException {
        Path f = withThresholds("breach-minutes = -3");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "breach-minutes = -3") + ": runbook.thresholds.breach-minutes: -3 is out of"
                + " range 1-1440", e.getMessage());
    }

    @Test
    void anOnBreachOtherThanFailOrWarnIsOneLineWithFileAndLine() throws IOException {
        Path f = withThresholds("on-breach = maybe");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "on-breach = maybe") + ": runbook.thresholds.on-breach: 'maybe' is not one of"
                + " fail, warn", e.getMessage());
    }

    @Test
    void aProbeP99OfZeroIsRefused() throws IOException {
        Path f = withThresholds("probe-p99-ms = 0");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "probe-p99-ms = 0") + ": runbook.thresholds.probe-p99-ms: 0.0 is not above"
                + " zero (a latency limit in milliseconds, e.g. 50)", e.getMessage());
    }

    @Test
    void aBadBreachSettingStopsTheCommandWithExitTwoAndOneLine() throws IOException {
        Path f = withThresholds("on-breach = maybe");
        dev.runbook.cli.CliResult r = dev.runbook.cli.CliResult.run("validate", "runbooks/valkey-migration.conf", "--config", f.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("error: " + f + ":" + lineOf(f, "on-breach = maybe") + ": runbook.thresholds.on-breach: 'maybe'"
                + " is not one of fail, warn\n", r.err());
    }

    @Test
    void theEstimatesDefaultToReferenceConfAndTheRehearsalStartsTwentyMinutesBeforeTheWindow() {
        Settings s = Settings.load(Path.of("application.conf"));
        assertEquals(Estimates.DEFAULTS, s.estimates());
        assertEquals(java.time.Duration.ofMinutes(-20), s.rehearsalStartOffset());
    }

    @Test
    void aNegativeEstimateIsOneLineWithFileAndLine() throws IOException {
        Path f = withBlock("estimates", "rollback = -5m");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertEquals(f + ":" + lineOf(f, "rollback = -5m") + ": runbook.estimates.rollback: must be longer than zero",
                e.getMessage());
    }

    @Test
    void anEstimateThatIsNotADurationOrLongerThanADayIsRefused() throws IOException {
        Path f = withBlock("estimates", "upgrade = soon");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(f));
        assertTrue(e.getMessage().startsWith(f + ":" + lineOf(f, "upgrade = soon") + ": runbook.estimates.upgrade: "),
                e.getMessage());
        Path g = withBlock("estimates", "upgrade = 25h");
        InvalidInputException e2 = assertThrows(InvalidInputException.class, () -> Settings.load(g));
        assertEquals(g + ":" + lineOf(g, "upgrade = 25h") + ": runbook.estimates.upgrade: 25h is longer than 24h (a part"
                + " of one maintenance window, e.g. 20m)", e2.getMessage());
    }

    @Test
    void aLiveWeightOutOfRangeAndAStartOffsetOfAWeekAreRefusedWithExitTwo() throws IOException {
        Path f = withBlock("estimates", "live-weight = 0");
        dev.runbook.cli.CliResult r = dev.runbook.cli.CliResult.run("validate", "runbooks/valkey-migration.conf",
                "--config", f.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("error: " + f + ":" + lineOf(f, "live-weight = 0") + ": runbook.estimates.live-weight: 0 is out of"
                + " range 1-1000\n", r.err());
        Path g = withBlock("rehearsal", "start-offset = 7d");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.load(g));
        assertEquals(g + ":" + lineOf(g, "start-offset = 7d") + ": runbook.rehearsal.start-offset: 7d is a week or"
                + " more: the window comes back every week (e.g. -20m before it opens, or 100m after)", e.getMessage());
    }

    private Path withBlock(String block, String line) throws IOException {
        Path f = dir.resolve("application.conf");
        Files.writeString(f, Files.readString(Path.of("application.conf")) + "\nrunbook." + block + " {\n  " + line
                + "\n}\n");
        return f;
    }

    private Path withThresholds(String line) throws IOException {
        Path f = dir.resolve("application.conf");
        Files.writeString(f, Files.readString(Path.of("application.conf")) + "\nrunbook.thresholds {\n  " + line
                + "\n}\n");
        return f;
    }

    private Path withProd(String from, String to) throws IOException {
        String text = Files.readString(Path.of("application.conf"));
        int prod = text.indexOf("prod {");
        String changed = text.substring(0, prod) + text.substring(prod).replaceFirst(
                java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        Path f = dir.resolve("application.conf");
        Files.writeString(f, changed);
        return f;
    }

    static int lineOf(Path f, String needle) throws IOException {
        var lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + f);
    }
}
