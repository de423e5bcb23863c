package dev.runbook.aws.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.dataplane.CacheClient;
import dev.runbook.action.dataplane.DataFingerprint;
import dev.runbook.action.dataplane.FingerprintComparison;
import dev.runbook.action.dataplane.JedisConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.XPendingParams;

/**
 * The engines a rehearsal starts, on the real binaries (Redis 7.0.15 and Valkey 8.0.1 from
 * .ci/install-test-deps): the engine swap keeps every key, Redis 7.0 refuses Valkey's RDB (the trap, for real),
 * a restore gives back the pre-migration data, and no engine is left running.
 */
class RealEnginesTest {
    static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path runDir;

    RealEngines engines;

    static Map<EngineKind, EngineBinary> binaries() {
        String path = System.getenv("PATH");
        return Map.of(EngineKind.REDIS, EngineBinary.locate(EngineKind.REDIS, "", path),
                EngineKind.VALKEY, EngineBinary.locate(EngineKind.VALKEY, "", path));
    }

    @AfterEach
    void stop() {
        if (engines != null) {
            engines.close();
        }
    }

    private RealEngines generated(int keys) {
        engines = RealEngines.start(runDir, binaries(), Optional.empty(), "none", "g", "g-001",
                new RealEngines.Generated(keys));
        return engines;
    }

    private static DataFingerprint everyKey(JedisConnector c) {
        try (CacheClient client = c.open(T)) {
            return DataFingerprint.record(client, 10, Integer.MAX_VALUE, "test", "now");
        }
    }

    private static String info(JedisConnector c, String section) {
        try (CacheClient client = c.open(T)) {
            return client.info(section);
        }
    }

    @Test
    void theEngineSwapKeepsEveryKeyOfAGeneratedDataset() {
        generated(3000);
        JedisConnector endpoint = (JedisConnector) engines.connector("g");
        DataFingerprint before = everyKey(endpoint);
        assertEquals(3000, before.totalKeys());
        assertEquals(3000, before.keys().size(), "every key is recorded");
        assertEquals(List.of("hash", "list", "set", "stream", "string", "zset"),
                before.keys().stream().map(DataFingerprint.SampledKey::type).distinct().sorted().toList());
        assertTrue(info(endpoint, "server").contains("redis_version:7.0.15"));

        engines.down("g", "g-001");
        assertThrows(RuntimeException.class, () -> endpoint.open(T).ping(), "nothing answers while the node is down");
        engines.up("g", "g-001", "valkey", Optional.empty());

        assertTrue(info(endpoint, "server").contains("valkey_version:8.0.1"), "same address, now Valkey");
        try (CacheClient client = endpoint.open(T)) {
            FingerprintComparison c = FingerprintComparison.compare(client, before);
            assertTrue(c.intact(), c.describe());
            assertEquals(3000, c.keysAfter());
        }
        try (Jedis j = new Jedis("127.0.0.1", endpoint.endpoint().port())) {
            assertEquals(1, j.xpending("events:0:6", "workers", XPendingParams.xPendingParams().count(10)).size(),
                    "the stream's consumer group kept its pending entry");
        }
        assertEquals(List.of(), engines.warnings());
    }

    @Test
    void redis70RefusesAValkeyRdbAndTheRestoreOfTheRedisSnapshotGivesBackThePreMigrationData() throws Exception {
        generated(1200);
        JedisConnector endpoint = (JedisConnector) engines.connector("g");
        DataFingerprint before = everyKey(endpoint);
        engines.snapshot("g", "g-001", "pre-valkey");
        var pre = engines.file("pre-valkey").orElseThrow();
        assertEquals(Files.size(pre.path()), pre.bytes());
        assertEquals(RealEngines.sha256(pre.path()), pre.sha256());

        engines.down("g", "g-001");
        engines.up("g", "g-001", "valkey", Optional.empty());
        try (Jedis j = new Jedis("127.0.0.1", endpoint.endpoint().port())) {
            j.set("written-after-the-migration", "x");
            j.del("session:0:0");
        }
        engines.snapshot("g", "g-001", "on-valkey");

        engines.restored("g-bad", "g-bad-001", "redis", "on-valkey");
        assertEquals(1, engines.warnings().size(), engines.warnings().toString());
        assertTrue(engines.warnings().get(0).contains("Can't handle RDB format version 11"), engines.warnings().get(0));
        assertThrows(RuntimeException.class, () -> engines.forGroup("g-bad").orElseThrow().open(T).ping(),
                "Redis 7.0 did not start on Valkey's RDB");

        engines.restored("g-rollback", "g-rollback-001", "redis", "pre-valkey");
        JedisConnector rollback = (JedisConnector) engines.forGroup("g-rollback").orElseThrow();
        assertTrue(info(rollback, "server").contains("redis_version:7.0.15"));
        try (CacheClient client = rollback.open(T)) {
            FingerprintComparison c = FingerprintComparison.compare(client, before);
            assertTrue(c.intact(), c.describe());
            assertEquals(1200, c.keysAfter());
        }
    }

    @Test
    void theEndpointPassesValuesLargerThanItsSocketBuffersBothWays() {
        generated(10);
        int port = ((JedisConnector) engines.connector("g")).endpoint().port();
        String big = "x".repeat(12 * 1024 * 1024); // several times the loopback socket buffers: partial writes
        try (Jedis writer = new Jedis("127.0.0.1", port); Jedis reader = new Jedis("127.0.0.1", port)) {
            writer.set("big", big);
            assertEquals(big.length(), reader.get("big").length());
            assertEquals(big, reader.get("big"));
            assertEquals("PONG", writer.ping(), "the connection still works after the large reply");
        }
    }

    @Test
    void closingStopsEveryEngineAndRemovesItsPidFiles() throws Exception {
        generated(10);
        engines.snapshot("g", "g-001", "s");
        engines.restored("g-rollback", "g-rollback-001", "redis", "s");
        List<Long> pids = pids(runDir.resolve("engines"));
        assertEquals(2, pids.size());
        engines.close();
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " outlived");
        }
        assertEquals(List.of(), pids(runDir.resolve("engines")));
    }

    @Test
    void aBadRdbIsTheEnginesOwnReasonAndLeavesNothingRunning() throws Exception {
        Path bad = runDir.resolveSibling(runDir.getFileName() + "-bad.rdb");
        Files.write(bad, "REDIS0010garbage".getBytes());
        EngineException e = assertThrows(EngineException.class, () -> RealEngines.start(runDir, binaries(),
                Optional.empty(), "none", "g", "g-001", new RealEngines.Rdb(bad)));
        assertTrue(e.getMessage().startsWith("redis-server 7.0.15 exited while starting g-001: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals(List.of(), pids(runDir.resolve("engines")));
        Files.delete(bad);
    }

    static List<Long> pids(Path engines) throws Exception {
        try (var files = Files.list(engines)) {
            return files.filter(f -> f.toString().endsWith(".pid") && !f.endsWith(RealEngines.OWNER))
                    .map(f -> {
                        try {
                            return Long.parseLong(Files.readString(f).strip());
                        } catch (Exception x) {
                            throw new IllegalStateException(x);
                        }
                    }).toList();
        }
    }
}
