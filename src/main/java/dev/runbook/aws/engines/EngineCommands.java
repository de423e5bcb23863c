package dev.runbook.aws.engines;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.SaveMode;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The administrative commands the rehearsal sends its own engines (never the operator's endpoint): SAVE before a
 * snapshot, SHUTDOWN SAVE before an engine change, REPLICAOF for a failover, and the replication state a
 * failover waits for. Over the engine's own port, with the rehearsal's token (and over TLS when its engines speak it).
 */
final class EngineCommands {
    static final Duration SYNC_LIMIT = Duration.ofSeconds(30);

    private EngineCommands() {
    }

    static Jedis connect(int port, EngineSecrets secrets) {
        return new Jedis(new HostAndPort("127.0.0.1", port), secrets.clientConfig().connectionTimeoutMillis(2000)
                .socketTimeoutMillis(60_000).build());
    }

    /** SAVE: the engine writes its dump.rdb now (synchronously, so the file is complete when this returns). */
    static void save(int port, EngineSecrets secrets) {
        try (Jedis j = connect(port, secrets)) {
            j.save();
        } catch (JedisException e) {
            throw new EngineException("The engine on port " + port + " refused SAVE: " + e.getMessage(), e);
        }
    }

    /** SHUTDOWN SAVE; the connection dropping is the engine going away, as expected. */
    static void shutdownSave(int port, EngineSecrets secrets) {
        try (Jedis j = connect(port, secrets)) {
            j.shutdown(SaveMode.SAVE);
        } catch (JedisException e) {
            // already gone, or it closed the connection as it exited: the caller waits for the process either way
        }
    }

    /** REPLICAOF NO ONE: the node becomes a primary. */
    static void promote(int port, EngineSecrets secrets) {
        try (Jedis j = connect(port, secrets)) {
            j.replicaofNoOne();
        }
    }

    /** Waits (bounded) until the replica on {@code port} has its link up and has loaded the primary's data. */
    static void awaitInSync(int port, EngineSecrets secrets) {
        long deadline = System.nanoTime() + SYNC_LIMIT.toNanos();
        try (Jedis j = connect(port, secrets)) {
            while (true) {
                String info = j.info("replication");
                if (info.contains("master_link_status:up") && info.contains("master_sync_in_progress:0")) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new EngineException("The replica on port " + port + " did not sync with its primary within "
                            + SYNC_LIMIT.toSeconds() + " s (see its engine.log)");
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
    }

    /** Waits (bounded) until the replica on {@code port} has applied every write the primary on {@code primary} took. */
    static void awaitCaughtUp(int primary, int replica, EngineSecrets secrets) {
        long deadline = System.nanoTime() + SYNC_LIMIT.toNanos();
        try (Jedis p = connect(primary, secrets); Jedis r = connect(replica, secrets)) {
            long target = offset(p.info("replication"), "master_repl_offset");
            while (offset(r.info("replication"), "slave_repl_offset") < target) {
                if (System.nanoTime() > deadline) {
                    throw new EngineException("The replica on port " + replica + " did not catch up with the primary");
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
    }

    private static long offset(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        return -1;
    }
}
