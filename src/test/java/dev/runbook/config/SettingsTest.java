package dev.runbook.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.InvalidInputException;
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
