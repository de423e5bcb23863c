package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckEndpointCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

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
}
