package dev.runbook.aws;

import dev.runbook.action.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the wire tests: a fresh {@link QueryProtocolServer} per test and a {@link TestContext} whose
 * ElastiCache and CloudWatch clients are the real SDK clients pointed at it, closed after the test.
 */
public abstract class AwsWireTest {
    protected static final String G = "goorm-popcorn-cache-dev";
    protected static final String M = G + "-001";
    protected QueryProtocolServer server;
    protected TestContext ctx;

    @BeforeEach
    void startServer() {
        server = QueryProtocolServer.start();
        ctx = new TestContext();
        ctx.elastiCache = server.elastiCache();
        ctx.cloudWatch = server.cloudWatch();
    }

    @AfterEach
    void stopServer() {
        ctx.elastiCache.close();
        ctx.cloudWatch.close();
        server.close();
    }
}
