package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmStep;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The exported endpoint check's shell commands (what AWS-RunShellScript runs on the instance), run with bash
 * against a real Redis 7.0.15 and a real Valkey 8.0.1 on this machine: the engine rule holds on the wire.
 */
class EndpointCheckSsmTest {
    @TempDir
    static Path dir;
    static LocalRedis redis;
    static Process valkey;
    static int valkeyPort;

    @BeforeAll
    static void start() throws Exception {
        redis = new LocalRedis(dir);
        valkeyPort = LocalRedis.freePort();
        valkey = new ProcessBuilder("valkey-server", "--port", String.valueOf(valkeyPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectOutput(dir.resolve("valkey.log").toFile()).redirectErrorStream(true).start();
        LocalRedis.await(() -> {
            try (Jedis j = new Jedis("127.0.0.1", valkeyPort)) {
                return "PONG".equals(j.ping());
            } catch (RuntimeException e) {
                return false;
            }
        }, Duration.ofSeconds(20), "valkey-server answers PING");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        redis.close();
        valkey.destroy();
        valkey.waitFor(10, TimeUnit.SECONDS);
    }

    /** The Ping step's commands for dev (no TLS, no AUTH), pointed at a local port instead of the primary endpoint. */
    private static String commands(String engine, String version, int port) {
        Settings settings = TestSettings.load();
        SsmContext ctx = new SsmContext(settings.environment("dev"), settings.waits(), "ping-before", "title", "가이드",
                false, false, Map.of());
        SsmForm.Exported form = (SsmForm.Exported) EndpointCheck.create(DataPlaneParams.of(
                "expect-engine = " + engine + ", expect-version = \"" + version + "\"")).ssm(ctx);
        SsmStep ping = form.steps().get(form.steps().size() - 1);
        assertEquals("PingBefore_Ping", ping.name());
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) ((Map<String, Object>) ping.inputs().get("Parameters")).get("commands");
        return String.join("\n", lines).replace("{{ PingBefore_Endpoint.Address }}", "127.0.0.1")
                .replace("{{ PingBefore_Endpoint.Port }}", String.valueOf(port));
    }

    private record Shell(int code, String out) {
    }

    private static Shell bash(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the check ends");
        return new Shell(p.exitValue(), out);
    }

    @Test
    void redis70PassesTheBeforeCheckAndFailsTheAfterCheck() throws Exception {
        Shell before = bash(commands("redis", "7.0", redis.port));
        assertEquals(0, before.code(), before.out());
        assertEquals("127.0.0.1:" + redis.port + " runs redis 7.0.15\n", before.out());
        Shell after = bash(commands("valkey", "8.0", redis.port));
        assertEquals(1, after.code(), after.out());
        assertTrue(after.out().endsWith("expected valkey 8.0, found redis 7.0.15\n"), after.out());
    }

    @Test
    void valkey80IsValkeyDespiteItsRedisVersionLine() throws Exception {
        Shell after = bash(commands("valkey", "8.0", valkeyPort));
        assertEquals(0, after.code(), after.out());
        assertEquals("127.0.0.1:" + valkeyPort + " runs valkey 8.0.1\n", after.out());
        Shell before = bash(commands("redis", "7.0", valkeyPort));
        assertEquals(1, before.code(), before.out());
        assertTrue(before.out().endsWith("expected redis 7.0, found valkey 8.0.1\n"), before.out());
    }

    @Test
    void aStoppedEndpointFailsTheStep() throws Exception {
        Shell s = bash(commands("redis", "7.0", LocalRedis.freePort()));
        assertEquals(1, s.code(), s.out());
    }

    @Test
    void withoutAnInstanceTheCheckIsSkippedByABranch() {
        Settings settings = TestSettings.load();
        SsmContext ctx = new SsmContext(settings.environment("dev"), settings.waits(), "ping-after", "t", "g", false,
                false, Map.of());
        SsmForm.Exported form = (SsmForm.Exported) EndpointCheck.create(
                DataPlaneParams.of("expect-engine = valkey, expect-version = \"8.0\"")).ssm(ctx);
        SsmStep branch = form.steps().get(0);
        assertEquals("PingAfter_NeedsInstance", branch.name());
        assertEquals(List.of(Map.of("NextStep", SsmStep.NEXT, "Variable", "{{ DataPlaneInstanceId }}",
                "StringEquals", "")), branch.inputs().get("Choices"));
    }
}
