package dev.runbook.action.dataplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real {@code redis-server} 7.0.15 or {@code valkey-server} 8.0.1 process (installed by
 * {@code .ci/install-test-deps}) on a free loopback port, its data and config under a test's folder. The password
 * and TLS settings go in its config file (mode 600), so neither shows in the server's own argument list.
 */
final class EngineServer implements AutoCloseable {
    /** Which engine binary. */
    enum Engine {
        REDIS("redis-server"), VALKEY("valkey-server");

        final String binary;

        Engine(String binary) {
            this.binary = binary;
        }
    }

    final Engine engine;
    final int port;
    final String password;
    final TestTls tls;
    private final Process process;

    private EngineServer(Engine engine, int port, String password, TestTls tls, Process process) {
        this.engine = engine;
        this.port = port;
        this.password = password;
        this.tls = tls;
        this.process = process;
    }

    static EngineServer start(Engine engine, Path dir) throws IOException, InterruptedException {
        return start(engine, dir, null, null);
    }

    /** With {@code requirepass} when a password is given, TLS-only on the port when {@code tls} is given. */
    static EngineServer start(Engine engine, Path dir, String password, TestTls tls)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = LocalRedis.freePort();
        StringBuilder conf = new StringBuilder()
                .append("bind 127.0.0.1\n")
                .append("dir ").append(dir.toAbsolutePath()).append('\n')
                .append("save \"\"\nappendonly no\n")
                .append("logfile ").append(dir.resolve("server.log").toAbsolutePath()).append('\n');
        if (tls == null) {
            conf.append("port ").append(port).append('\n');
        } else {
            conf.append("port 0\ntls-port ").append(port).append('\n')
                    .append("tls-cert-file ").append(tls.serverCert().toAbsolutePath()).append('\n')
                    .append("tls-key-file ").append(tls.serverKey().toAbsolutePath()).append('\n')
                    .append("tls-ca-cert-file ").append(tls.caCert().toAbsolutePath()).append('\n')
                    .append("tls-auth-clients no\n");
        }
        if (password != null) {
            conf.append("requirepass ").append(password).append('\n');
        }
        Path file = dir.resolve("server.conf");
        Files.writeString(file, conf);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Process p = new ProcessBuilder(engine.binary, file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.out").toFile()).start();
        EngineServer server = new EngineServer(engine, port, password, tls, p);
        server.awaitReady(dir);
        return server;
    }

    /** Polls with PING (bounded) until the server answers: no sleep standing in for "it has started". */
    private void awaitReady(Path dir) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Jedis j = jedis()) {
                j.ping();
                return;
            } catch (JedisException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IOException(engine.binary + " did not start: " + Files.readString(dir.resolve("server.out"))
                            + Files.readString(dir.resolve("server.log")), e);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
    }

    long pid() {
        return process.pid();
    }

    Endpoint endpoint() {
        return new Endpoint("127.0.0.1", port, tls != null);
    }

    /** An admin connection for arranging data and looking at the server (trusts the test CA). */
    Jedis jedis() {
        var config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(5000);
        if (password != null) {
            config.password(password);
        }
        if (tls != null) {
            config.ssl(true).sslSocketFactory(TlsSockets.factory(Optional.of(tls.caCert()), "test"));
        }
        return new Jedis(new HostAndPort("127.0.0.1", port), config.build());
    }

    /** Every key of db 0 with the SHA-256 of its DUMP: equal maps mean the same keys with the same values. */
    Map<String, String> keysAndDigests() {
        Map<String, String> out = new HashMap<>();
        try (Jedis j = jedis()) {
            for (String key : j.keys("*")) {
                byte[] dump = j.dump(key);
                out.put(key, dump == null ? "gone" : java.util.HexFormat.of().formatHex(sha256(dump)));
            }
        }
        return out;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
