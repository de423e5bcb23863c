package dev.runbook.action.dataplane;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * A real Redis 7.0.15 (embedded-redis) on a free local port, keeping its RDB in {@code dir} so a test can
 * SAVE, stop and start it again with the same data. Also the connector the actions get in tests.
 */
final class LocalRedis implements AutoCloseable {
    final int port;
    private final RedisServer server;

    LocalRedis(Path dir) throws IOException {
        this(dir, null);
    }

    /** With {@code requirepass} when a password is given (AUTH). */
    LocalRedis(Path dir, String password) throws IOException {
        this.port = freePort();
        var builder = RedisServer.builder().port(port).bind("127.0.0.1");
        if (password != null) {
            builder.setting("requirepass " + password);
        }
        this.server = builder
                .setting("dir " + dir.toAbsolutePath())
                .setting("save \"\"") // snapshots only when a test says SAVE
                .setting("appendonly no")
                .build();
        server.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void stop() {
        server.stop();
    }

    void start() {
        server.start();
    }

    Endpoint endpoint() {
        return new Endpoint("127.0.0.1", port, false);
    }

    JedisConnector connector() {
        return new JedisConnector(endpoint(), Optional.empty(), "none");
    }

    /** A plain Jedis connection for arranging data and looking at the server. */
    Jedis jedis() {
        return new Jedis("127.0.0.1", port);
    }

    @Override
    public void close() {
        if (server.isActive()) {
            server.stop();
        }
    }

    /** Polls {@code condition} until true; fails after {@code limit}. Polling, not a sleep standing in for a signal. */
    static void await(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
