package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import dev.runbook.config.Environment;
import dev.runbook.config.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The TLS-required runbook's evidence step against a real Valkey 8.0.1 that speaks TLS only, with the AUTH token:
 * it lists the other connections by client host, name and library, leaves out its own, and says every time that
 * CLIENT LIST cannot tell TLS from plain text; a live run without data-plane.tls fails before connecting.
 */
class ClientListTest {
    private static final String TOKEN = "client-list-Token-7a1e2";
    @TempDir
    Path dir;

    @Test
    void listsTheOtherConnectionsOverTlsWithTheTokenAndSaysWhatItCannotTell() throws Exception {
        TestTls tls = TestTls.create(dir.resolve("certs"), "clients");
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
        try (EngineServer s = EngineServer.start(EngineServer.Engine.VALKEY, dir.resolve("server"), TOKEN, tls);
             Jedis app = s.jedis()) {
            app.clientSetname("popcorn-api");
            app.ping();
            TestContext ctx = new TestContext();
            Environment base = TestSettings.load().environment("prod");
            ctx.environment = TestEnvironments.with(base, TestEnvironments.local(s, tls.caCert().toString(),
                    tokenFile.toString(), Environment.BenchmarkWrites.defaults(true)), true);
            ctx.mode = Mode.LIVE;
            Outcome o = ClientList.create(null).execute(ctx);
            assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
            assertEquals("1", o.facts().get("client-connections"), o.summary());
            assertTrue(o.facts().get("client-hosts").startsWith("127.0.0.1 (1: popcorn-api, "), o.facts().toString());
            assertEquals("not shown by CLIENT LIST", o.facts().get("tls-per-connection"));
            assertTrue(o.warnings().contains(ClientList.CANNOT_TELL), o.warnings().toString());
            assertTrue(!o.summary().contains(TOKEN) && !o.facts().toString().contains(TOKEN));
        }
    }

    @Test
    void aLiveRunWithoutDataPlaneTlsFailsBeforeConnecting() throws Exception {
        TestContext ctx = new TestContext();
        ctx.mode = Mode.LIVE;
        Outcome o = ClientList.create(null).execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertTrue(o.summary().startsWith("data-plane.tls is false for dev: once TransitEncryptionMode is required a"
                + " plain-text check cannot connect"), o.summary());
    }

    @Test
    void clientListLinesAreReadAsFieldsWithEmptyValuesKept() {
        var f = ClientList.fields("id=3 addr=10.0.1.21:44792 laddr=10.0.0.5:6379 fd=13 name= lib-name=lettuce"
                + " lib-ver=6.3.2 cmd=get");
        assertEquals("10.0.1.21:44792", f.get("addr"));
        assertEquals("", f.get("name"));
        assertEquals("lettuce", f.get("lib-name"));
    }
}
