package dev.runbook.aws.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.aws.VirtualClock;
import dev.runbook.aws.sim.CacheSimulation;
import dev.runbook.aws.sim.SimulatedElastiCache;
import dev.runbook.config.Environment;
import dev.runbook.config.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * prod's path on real engines, driven by the simulated control plane: add-replicas starts a real Redis replica of
 * the primary; the engine upgrade then goes replica first (it comes back as Valkey 8.0, replicating from the
 * Redis 7.0 primary), fails over to it (a client connected before is dropped; one that reconnects reaches the new
 * primary at the same address, with the data), and the old primary returns as a Valkey replica of the new one.
 * With AUTH: the token the data plane names applies to every engine and to replication.
 */
class ReplicaFirstUpgradeTest {
    static final String TOKEN = "rehearsal-token-123";

    @TempDir
    Path runDir;

    RealEngines engines;

    @AfterEach
    void stop() {
        if (engines != null) {
            engines.close();
        }
    }

    @Test
    void theReplicaIsUpgradedFirstThenAFailoverMovesTheEndpointToIt() throws Exception {
        Environment prod = TestSettings.load().environment("prod");
        String g = prod.replicationGroupId();
        CacheSimulation sim = CacheSimulation.of(prod, new VirtualClock(Instant.parse("2026-11-29T04:10:00Z"), 600),
                Set.of(), Duration.ofMinutes(60));
        SimulatedElastiCache ec = new SimulatedElastiCache(sim);
        engines = RealEngines.start(runDir, RealEnginesTest.binaries(), Optional.of(TOKEN), "$POPCORN_CACHE_AUTH_TOKEN",
                g, g + "-001", new RealEngines.Generated(600));
        sim.drive(engines);
        int endpoint = Integer.parseInt(engines.address(g).substring("127.0.0.1:".length()));

        ec.increaseReplicaCount(r -> r.replicationGroupId(g).newReplicaCount(1).applyImmediately(true));
        awaitAvailable(ec, g);
        try (Jedis j = jedis(node(g, g + "-002"))) {
            assertTrue(j.info("replication").contains("role:slave"), "the added replica replicates");
            assertTrue(j.info("server").contains("redis_version:7.0.15"));
        }
        Jedis before = jedis(endpoint);
        before.set("written-before-the-upgrade", "v1");

        ec.modifyReplicationGroup(r -> r.replicationGroupId(g).engine("valkey").engineVersion("8.0")
                .cacheParameterGroupName("default.valkey8").applyImmediately(true));
        await(() -> "modifying".equals(group(ec, g).status()), "the upgrade starts");
        awaitAvailable(ec, g);
        assertEquals("valkey", group(ec, g).engine());

        assertThrows(JedisException.class, before::ping, "the failover dropped the connection made before it");
        before.close();
        try (Jedis after = jedis(endpoint)) {
            assertTrue(after.info("server").contains("valkey_version:8.0.1"), "same address, now Valkey");
            assertTrue(after.info("replication").contains("role:master"));
            assertEquals("v1", after.get("written-before-the-upgrade"));
            assertEquals(601, after.dbSize() + dbSize(after, 1) + dbSize(after, 2));
        }
        JsonNode state = new ObjectMapper().readTree(runDir.resolve("engines").resolve(EngineState.FILE).toFile());
        assertEquals(g + "-002", state.path("groups").path(g).path("primary").asText());
        assertEquals(g + "-002", state.path("groups").path(g).path("nodes").path(g + "-001").path("replicaOf").asText());
        try (Jedis old = jedis(node(g, g + "-001"))) {
            assertTrue(old.info("server").contains("valkey_version:8.0.1"), "the old primary was upgraded last");
            await(() -> old.info("replication").contains("master_link_status:up"), "it replicates from the new one");
        }
        List<String> events = ec.describeEvents(r -> r.sourceIdentifier(g).sourceType("replication-group")
                .startTime(Instant.parse("2026-11-29T00:00:00Z"))).events().stream().map(e -> e.message()).toList();
        assertTrue(events.stream().anyMatch(m -> m.startsWith("Failover to replica node " + g + "-002")), events.toString());
        assertEquals(List.of(), engines.warnings());
    }

    private int node(String g, String member) throws Exception {
        JsonNode state = new ObjectMapper().readTree(runDir.resolve("engines").resolve(EngineState.FILE).toFile());
        return state.path("groups").path(g).path("nodes").path(member).path("port").asInt();
    }

    private static long dbSize(Jedis j, int db) {
        j.select(db);
        long n = j.dbSize();
        j.select(0);
        return n;
    }

    private static Jedis jedis(int port) {
        Jedis j = new Jedis("127.0.0.1", port);
        j.auth(TOKEN);
        return j;
    }

    private static ReplicationGroup group(SimulatedElastiCache ec, String g) {
        return ec.describeReplicationGroups(r -> r.replicationGroupId(g)).replicationGroups().get(0);
    }

    private static void awaitAvailable(SimulatedElastiCache ec, String g) {
        await(() -> "available".equals(group(ec, g).status()), g + " is available");
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
