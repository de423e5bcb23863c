package dev.runbook.aws.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import dev.runbook.action.dataplane.CacheClient;
import dev.runbook.action.dataplane.CacheConnector;
import dev.runbook.action.dataplane.CacheException;
import dev.runbook.action.dataplane.DataPlaneActions;
import dev.runbook.action.dataplane.EngineIdentity;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Params;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedCacheTest {
    @TempDir
    Path dir;
    final AtomicReference<SimulatedCache.Engine> engine = new AtomicReference<>(new SimulatedCache.Engine("redis", "7.0.7"));
    final SimulatedCache cache = new SimulatedCache(engine::get, 60);

    @Test
    void infoReadsAsRedisBeforeAndValkeyAfter() {
        try (CacheClient c = cache.open(Duration.ofSeconds(1))) {
            assertEquals(new EngineIdentity("redis", "7.0.7", "standalone"), EngineIdentity.parse(c.info("server")));
        }
        engine.set(new SimulatedCache.Engine("valkey", "8.0.1"));
        try (CacheClient c = cache.open(Duration.ofSeconds(1))) {
            assertEquals(new EngineIdentity("valkey", "8.0.1", "standalone"), EngineIdentity.parse(c.info("server")));
        }
    }

    @Test
    void doesNotAnswerWhileTheGroupIsUnavailable() {
        CacheClient c = cache.open(Duration.ofSeconds(1));
        engine.set(null);
        assertThrows(CacheException.class, c::ping);
        assertThrows(CacheException.class, () -> cache.open(Duration.ofSeconds(1)));
    }

    @Test
    void fingerprintIsIntactAcrossTheEngineChange() throws Exception {
        TestContext ctx = new TestContext();
        ctx.runDir = dir;
        ctx.services.put(CacheConnector.class, cache);
        ActionRegistry r = ActionRegistry.standard();
        Outcome record = r.factory("dataplane.fingerprint").orElseThrow()
                .create(new Params(ConfigFactory.parseMap(Map.of("phase", "record")), "t")).execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, record.status(), record.summary());
        assertEquals("45", record.facts().get("dbsize"));
        engine.set(new SimulatedCache.Engine("valkey", "8.0.1"));
        Outcome compare = r.factory("dataplane.fingerprint").orElseThrow()
                .create(new Params(ConfigFactory.parseMap(Map.of("phase", "compare")), "t")).execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, compare.status(), compare.summary());
        assertEquals("intact", compare.facts().get("result"));
    }
}
