package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.Main;
import dev.runbook.cli.CheckEndpointCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckEndpointCommandTest {
    @TempDir
    static Path certs;
    private static TestTls tls;

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void makeCertificates() throws Exception {
        tls = TestTls.create(certs, "check-endpoint");
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void printsEngineVersionModeAndLatencyOfARealServer() throws IOException {
        try (LocalRedis redis = new LocalRedis(dir)) {
            int code = run("check-endpoint", "127.0.0.1:" + redis.port);

            assertEquals(0, code, err.toString());
            String[] lines = out.toString().split("\n");
            assertEquals("endpoint  127.0.0.1:" + redis.port, lines[0]);
            assertEquals("engine    redis", lines[1]);
            assertEquals("version   7.0.15", lines[2]);
            assertEquals("mode      standalone", lines[3]);
            assertTrue(lines[4].matches("latency   \\d+\\.\\d\\d ms \\(PING round trip, median of 5\\)"), lines[4]);
        }
    }

    @Test
    void aBadAddressIsOneLineAndExit2() {
        int code = run("check-endpoint", "my-cache");

        assertEquals(2, code);
        assertEquals("error: HOST:PORT: 'my-cache' is not HOST:PORT (e.g. my-cache.abc123.use1.cache.amazonaws.com:6379)\n",
                err.toString());
    }

    @Test
    void anUnsetTokenVariableIsOneLineAndExit2() {
        int code = run("check-endpoint", "127.0.0.1:6379", "--auth-token-env", "NO_SUCH_VARIABLE_FOR_THIS_TEST");

        assertEquals(2, code);
        assertEquals("error: The auth token variable NO_SUCH_VARIABLE_FOR_THIS_TEST is not set: export it in this shell "
                + "(e.g. read -s NO_SUCH_VARIABLE_FOR_THIS_TEST; export NO_SUCH_VARIABLE_FOR_THIS_TEST) and try again.\n",
                err.toString());
    }

    @Test
    void anUnreachableEndpointIsOneLineAndExit1() throws IOException {
        int closed = LocalRedis.freePort();

        int code = run("check-endpoint", "127.0.0.1:" + closed);

        assertEquals(1, code);
        assertEquals("error: Cannot reach 127.0.0.1:" + closed + " (Connection refused): check the host, port, TLS "
                + "setting and that this machine can reach the cache's VPC.\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aTlsServerWhoseCaIsNamedAnswersWithItsEngine() throws Exception {
        try (EngineServer valkey = EngineServer.start(EngineServer.Engine.VALKEY, dir.resolve("v"), null, tls)) {
            int code = run("check-endpoint", "127.0.0.1:" + valkey.port, "--tls", "--ca-file", tls.caCert().toString());

            assertEquals(0, code, err.toString());
            String[] lines = out.toString().split("\n");
            assertEquals("endpoint  127.0.0.1:" + valkey.port + " (TLS)", lines[0]);
            assertEquals("engine    valkey", lines[1]);
            assertEquals("version   8.0.1", lines[2]);
        }
    }

    @Test
    void anUntrustedCertificateSaysSoInsteadOfCannotReach() throws Exception {
        try (EngineServer valkey = EngineServer.start(EngineServer.Engine.VALKEY, dir.resolve("v"), null, tls)) {
            int code = run("check-endpoint", "127.0.0.1:" + valkey.port, "--tls");

            assertEquals(1, code, out.toString());
            String e = err.toString();
            assertTrue(e.startsWith("error: 127.0.0.1:" + valkey.port + " (TLS): certificate not trusted ("), e);
            assertTrue(e.endsWith("): name the CA that signed it (check-endpoint --ca-file FILE, "
                    + "data-plane.ca-file in the settings), or check that this is the cache you meant.\n"), e);
            assertEquals(1, e.split("\n").length, e);
        }
    }

    @Test
    void tlsAgainstAPlainPortFailsWithinTheConnectTimeout() throws Exception {
        try (EngineServer redis = EngineServer.start(EngineServer.Engine.REDIS, dir.resolve("r"))) {
            long start = System.nanoTime();
            int code = run("check-endpoint", "127.0.0.1:" + redis.port, "--tls");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(1, code, out.toString());
            String e = err.toString();
            assertTrue(e.startsWith("error: 127.0.0.1:" + redis.port + " (TLS) did not complete a TLS handshake ("), e);
            assertTrue(e.endsWith("): that port does not seem to speak TLS; without in-transit encryption leave out "
                    + "--tls (data-plane.tls = false).\n"), e);
            assertTrue(took.compareTo(CheckEndpointCommand.TIMEOUT.plusSeconds(1)) < 0, "took " + took);
            System.out.println("check-endpoint --tls against a plain port failed after " + took.toMillis() + " ms");
        }
    }
}
