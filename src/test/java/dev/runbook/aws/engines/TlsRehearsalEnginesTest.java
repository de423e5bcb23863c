package dev.runbook.aws.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.action.dataplane.CacheClient;
import dev.runbook.action.dataplane.CacheException;
import dev.runbook.action.dataplane.DataFingerprint;
import dev.runbook.action.dataplane.Endpoint;
import dev.runbook.action.dataplane.FingerprintComparison;
import dev.runbook.action.dataplane.JedisConnector;
import dev.runbook.aws.VirtualClock;
import dev.runbook.aws.sim.CacheSimulation;
import dev.runbook.aws.sim.SimulatedElastiCache;
import dev.runbook.config.Environment;
import dev.runbook.config.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * A rehearsal whose data plane says TLS, on the real binaries: the engines listen TLS-only with the throwaway CA
 * the rehearsal made with openssl (a plain-text client is refused, a TLS client trusting that CA is answered, one
 * trusting only the JVM's store is not), the engine swap and prod's replica-first upgrade work with replication
 * over TLS, the certificates and the key are owner-only, and neither the token nor the key is in an engine's
 * argument list or log.
 */
class TlsRehearsalEnginesTest {
    static final Duration T = Duration.ofSeconds(5);
    static final String TOKEN = "tls-rehearsal-token-456";

    @TempDir
    Path runDir;

    RealEngines engines;

    @AfterEach
    void stop() {
        if (engines != null) {
            engines.close();
        }
    }

    private static EngineTransport tls() {
        return EngineTransport.forDataPlane(true, System.getenv("PATH"));
    }

    private RealEngines start(String g, int keys) {
        engines = RealEngines.start(runDir, RealEnginesTest.binaries(), Optional.of(TOKEN), "$POPCORN_CACHE_AUTH_TOKEN",
                tls(), g, g + "-001", new RealEngines.Generated(keys));
        return engines;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring("127.0.0.1:".length()));
    }

    private static String info(JedisConnector c) {
        try (CacheClient client = c.open(T)) {
            return client.info("server");
        }
    }

    @Test
    void theEngineRefusesAPlainTextClientAndAnswersATlsClientTrustingTheThrowawayCa() throws Exception {
        start("g", 200);
        int endpoint = port(engines.address("g"));
        assertThrows(JedisException.class, () -> {
            try (Jedis plain = new Jedis(new HostAndPort("127.0.0.1", endpoint), DefaultJedisClientConfig.builder()
                    .password(TOKEN).socketTimeoutMillis(2000).build())) {
                plain.ping();
            }
        }, "a TLS-only engine does not answer plain text (not even AUTH)");
        JedisConnector c = (JedisConnector) engines.connector("g");
        assertTrue(c.endpoint().tls());
        assertTrue(info(c).contains("redis_version:7.0.15"));
        Path ca = engines.caFile().orElseThrow();
        assertEquals(runDir.toAbsolutePath().resolve("engines/tls/ca.crt"), ca);
        try (CacheClient client = c.open(T)) {
            assertEquals(200, DataFingerprint.record(client, 10, Integer.MAX_VALUE, "t", "now").totalKeys());
        }
        JedisConnector defaultTrust = new JedisConnector(c.endpoint(), Optional.of(TOKEN), "$X");
        CacheException e = assertThrows(CacheException.class, () -> defaultTrust.open(T).ping());
        assertTrue(e.getMessage().contains("certificate not trusted"), e.getMessage());
        assertTrue(engines.transport().startsWith("TLS only (replication too, tls-replication yes); every client"
                + " trusted the rehearsal's throwaway CA " + ca + " (SHA-256 "), engines.transport());
    }

    @Test
    void theCertificatesAreOwnerOnlyTheCaKeyIsGoneAndNoSecretIsInAnArgumentListOrALog() throws Exception {
        start("g", 50);
        Path engineDir = runDir.resolve("engines");
        Path tlsDir = engineDir.resolve("tls");
        assertEquals("rwx------", perms(tlsDir));
        try (Stream<Path> files = Files.list(tlsDir)) {
            assertEquals(List.of("ca.crt", "server.crt", "server.key"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "the CA's key was deleted");
        }
        for (String f : List.of("ca.crt", "server.crt", "server.key")) {
            assertEquals("rw-------", perms(tlsDir.resolve(f)), f);
        }
        assertEquals("rw-------", perms(engineDir.resolve("g-001/engine.conf")));
        String key = Files.readString(tlsDir.resolve("server.key"));
        String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(keyBody.isBlank());

        // what the engine is started with (it rewrites its title soon after, so /proc shows less later) ...
        EngineSecrets secrets = new EngineSecrets(Optional.of(TOKEN), Optional.of(EngineTls.prepare(engineDir,
                tls().openssl().orElseThrow())));
        EngineNode replica = new EngineNode("r", 1234, engineDir.resolve("r"), secrets);
        List<String> launched = replica.command(RealEnginesTest.binaries().get(EngineKind.VALKEY),
                engineDir.resolve("r/engine.conf"), Optional.of(4321));
        assertTrue(launched.containsAll(List.of("--port", "0", "--tls-port", "1234")), launched.toString());
        // ... and what every local user sees of the running one
        long pid = Long.parseLong(Files.readString(engineDir.resolve("g-001.pid")).strip());
        for (String arg : concat(launched, argv(pid))) {
            assertFalse(arg.contains(TOKEN) || arg.contains(keyBody) || arg.contains("PRIVATE KEY"), arg);
        }
        String conf = Files.readString(engineDir.resolve("g-001/engine.conf"));
        assertTrue(conf.contains("tls-key-file \"" + tlsDir.toAbsolutePath().resolve("server.key") + "\""), conf);
        assertTrue(conf.contains("tls-replication yes"), conf);
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> all = Files.walk(runDir)) {
            all.filter(f -> f.getFileName().toString().endsWith(".log")).forEach(logs::add);
        }
        assertFalse(logs.isEmpty());
        for (Path log : logs) {
            String text = Files.readString(log);
            assertFalse(text.contains(TOKEN) || text.contains(keyBody) || text.contains(Base64.getEncoder()
                    .encodeToString(TOKEN.getBytes())), log.toString());
        }
    }

    @Test
    void theEngineSwapKeepsEveryKeyWithTlsOn() {
        start("g", 1500);
        JedisConnector endpoint = (JedisConnector) engines.connector("g");
        DataFingerprint before;
        try (CacheClient client = endpoint.open(T)) {
            before = DataFingerprint.record(client, 10, Integer.MAX_VALUE, "t", "now");
        }
        engines.snapshot("g", "g-001", "pre-valkey");
        engines.down("g", "g-001");
        engines.up("g", "g-001", "valkey", Optional.empty());
        assertTrue(info(endpoint).contains("valkey_version:8.0.1"), "same address, TLS, now Valkey");
        try (CacheClient client = endpoint.open(T)) {
            FingerprintComparison c = FingerprintComparison.compare(client, before);
            assertTrue(c.intact(), c.describe());
        }
        engines.restored("g-rollback", "g-rollback-001", "redis", "pre-valkey");
        JedisConnector rollback = (JedisConnector) engines.forGroup("g-rollback").orElseThrow();
        assertTrue(rollback.endpoint().tls());
        assertTrue(info(rollback).contains("redis_version:7.0.15"), "the rollback group speaks TLS too");
        assertEquals(List.of(), engines.warnings());
    }

    @Test
    void theReplicaFirstUpgradeReplicatesAndFailsOverOverTls() throws Exception {
        Environment prod = TestSettings.load().environment("prod");
        assertTrue(prod.dataPlane().tls(), "prod's data plane says TLS");
        String g = prod.replicationGroupId();
        CacheSimulation sim = CacheSimulation.of(prod, new VirtualClock(Instant.parse("2026-11-29T04:10:00Z"), 600),
                Set.of(), Duration.ofMinutes(60));
        SimulatedElastiCache ec = new SimulatedElastiCache(sim);
        start(g, 400);
        sim.drive(engines);
        JedisConnector endpoint = (JedisConnector) engines.connector(g);

        ec.increaseReplicaCount(r -> r.replicationGroupId(g).newReplicaCount(1).applyImmediately(true));
        ReplicaFirstUpgradeTest.await(() -> "available".equals(group(ec, g).status()), "the replica is added");
        try (CacheClient client = endpoint.open(T)) {
            assertTrue(client.info("replication").contains("connected_slaves:1"), "the replica synced over TLS");
        }
        ec.modifyReplicationGroup(r -> r.replicationGroupId(g).engine("valkey").engineVersion("8.0")
                .cacheParameterGroupName("default.valkey8").applyImmediately(true));
        ReplicaFirstUpgradeTest.await(() -> "modifying".equals(group(ec, g).status()), "the upgrade starts");
        ReplicaFirstUpgradeTest.await(() -> "available".equals(group(ec, g).status()), "the upgrade ends");

        try (CacheClient client = endpoint.open(T)) {
            assertTrue(client.info("server").contains("valkey_version:8.0.1"), "same address, TLS, now Valkey");
            ReplicaFirstUpgradeTest.await(() -> client.info("replication").contains("connected_slaves:1"),
                    "the old primary replicates from the new one over TLS");
        }
        JsonNode state = new ObjectMapper().readTree(runDir.resolve("engines").resolve(EngineState.FILE).toFile());
        assertEquals(g + "-002", state.path("groups").path(g).path("primary").asText());
        int oldPrimary = state.path("groups").path(g).path("nodes").path(g + "-001").path("port").asInt();
        JedisConnector old = new JedisConnector(new Endpoint("127.0.0.1", oldPrimary, true), Optional.of(TOKEN), "$X",
                engines.caFile(), "the rehearsal's CA file", 1.0);
        try (CacheClient client = old.open(T)) {
            String replication = client.info("replication");
            assertTrue(replication.contains("role:slave") && replication.contains("master_link_status:up"),
                    "the old primary is a Valkey replica of the new one, linked over TLS: " + replication);
        }
        assertEquals(List.of(), engines.warnings());
    }

    private static ReplicationGroup group(SimulatedElastiCache ec, String g) {
        return ec.describeReplicationGroups(r -> r.replicationGroupId(g)).replicationGroups().get(0);
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The process's arguments as the kernel shows them to every local user. */
    private static List<String> argv(long pid) throws Exception {
        byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
        return List.of(new String(raw).split("\0"));
    }
}
