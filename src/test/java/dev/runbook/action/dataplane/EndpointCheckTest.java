package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointCheckTest {
    @TempDir
    static Path dir;
    static LocalRedis redis;

    @BeforeAll
    static void startRedis() throws IOException {
        redis = new LocalRedis(dir);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void aValkey80InfoIsValkeyDespiteItsRedisVersionLine() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/dataplane/valkey-8.0.1-info-server.txt")) {
            String info = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(info.startsWith("# Server\r\nredis_version:7.2.4\r\n"), "fixture prints redis_version first");
            assertEquals(new EngineIdentity("valkey", "8.0.1", "standalone"), EngineIdentity.parse(info));
        }
    }

    @Test
    void aServerNameLineAloneMakesItValkey() {
        assertEquals(new EngineIdentity("valkey", "7.2.4", "standalone"),
                EngineIdentity.parse("redis_version:7.2.4\nserver_name:valkey\nserver_mode:standalone\n"));
    }

    @Test
    void aVersionMatchesItsPatchReleasesOnly() {
        EngineIdentity redis70 = new EngineIdentity("redis", "7.0.15", "standalone");
        assertTrue(redis70.matches("redis", "7.0"));
        assertTrue(!redis70.matches("redis", "7.0.1"));
        assertTrue(!redis70.matches("valkey", "7.0"));
    }

    @Test
    void theRealServerIsRedis7015AndPassesTheBeforeCheck() throws Exception {
        TestContext ctx = new TestContext();
        ctx.facts.put("primary-endpoint", "127.0.0.1:" + redis.port); // resolved like after describe-group

        Outcome o = EndpointCheck.create(params("redis", "7.0")).execute(ctx);

        assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
        assertEquals("redis", o.facts().get("engine"));
        assertEquals("7.0.15", o.facts().get("version"));
        assertEquals("standalone", o.facts().get("mode"));
        assertTrue(Double.parseDouble(o.facts().get("ping-ms")) >= 0);
        assertTrue(o.summary().startsWith("127.0.0.1:" + redis.port + " runs redis 7.0.15 (standalone), PING "), o.summary());
    }

    @Test
    void expectingValkeyOnRedisFailsNamingBoth() throws Exception {
        TestContext ctx = new TestContext();
        ctx.services.put(CacheConnector.class, redis.connector());

        Outcome o = EndpointCheck.create(params("valkey", "8.0")).execute(ctx);

        assertEquals(Outcome.Status.FAILED, o.status());
        assertTrue(o.summary().endsWith(" ms; expected valkey 8.0"), o.summary());
    }

    @Test
    void anUnreachableEndpointIsOneSentenceWithWhatToCheck() throws IOException {
        TestContext ctx = new TestContext();
        int closed = LocalRedis.freePort();
        ctx.services.put(CacheConnector.class, new JedisConnector(new Endpoint("127.0.0.1", closed, false),
                java.util.Optional.empty(), "none"));

        ActionException e = assertThrows(ActionException.class, () -> EndpointCheck.create(params("redis", "7.0")).execute(ctx));

        assertEquals("Cannot reach 127.0.0.1:" + closed + " (Connection refused): check the host, port, TLS setting "
                + "and that this machine can reach the cache's VPC.", e.getMessage());
    }

    @Test
    void withoutHostOrRecordedEndpointItSaysWhereToSetOne() {
        TestContext ctx = new TestContext();

        ActionException e = assertThrows(ActionException.class, () -> EndpointCheck.create(params("redis", "7.0")).execute(ctx));

        assertEquals("No cache endpoint is known: set data-plane.host for dev in application.conf, or run the "
                + "describe-group step first (it records the primary endpoint).", e.getMessage());
    }

    @Test
    void thePreviewNeedsNoEndpoint() {
        assertEquals("PING <primary endpoint>:6379 (no auth) and read INFO server; expect redis 7.0",
                EndpointCheck.create(params("redis", "7.0")).preview(new TestContext()).summary());
    }

    static dev.runbook.action.Params params(String engine, String version) {
        return DataPlaneParams.of("expect-engine = " + engine + ", expect-version = \"" + version + "\"");
    }
}
