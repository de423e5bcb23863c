package dev.runbook.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Mode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Live and dry-run backends: nothing is built until first use; the SDK's endpoint override still applies. */
class LiveBackendTest {
    static final Map<String, String> PROPERTIES = Map.of("aws.accessKeyId", "AKIDEXAMPLE",
            "aws.secretAccessKey", "secret-example");

    @AfterEach
    void clear() {
        PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrl");
    }

    @Test
    void buildsNoClientUntilFirstUse() {
        LiveBackend live = new LiveBackend("ap-northeast-2", "");
        assertFalse(live.built(ElastiCacheClient.class));
        assertFalse(live.built(CloudWatchClient.class));
        assertFalse(live.built(StsClient.class));
        live.elastiCache();
        assertTrue(live.built(ElastiCacheClient.class));
        assertFalse(live.built(CloudWatchClient.class));
        assertEquals(Mode.LIVE, live.mode());
        assertEquals("AWS ap-northeast-2", live.describe());
        live.close();
    }

    @Test
    void dryRunSendsReadsToTheConfiguredEndpointAndRefusesChangesUnsent() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = ("<ErrorResponse><Error><Type>Sender</Type><Code>ReplicationGroupNotFoundFault</Code>"
                    + "<Message>ReplicationGroup g not found.</Message></Error><RequestId>req-1</RequestId>"
                    + "</ErrorResponse>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        PROPERTIES.forEach(System::setProperty);
        // The same setting as the AWS_ENDPOINT_URL environment variable (the SDK reads the property, then env).
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + server.getAddress().getPort());
        try (DryRunBackend dry = new DryRunBackend("ap-northeast-2", "")) {
            assertThrows(DryRunRefusedException.class,
                    () -> dry.elastiCache().createSnapshot(b -> b.replicationGroupId("g").snapshotName("s")));
            assertFalse(dry.built(ElastiCacheClient.class), "a refused call builds no client");
            var e = assertThrows(ReplicationGroupNotFoundException.class,
                    () -> dry.elastiCache().describeReplicationGroups(b -> b.replicationGroupId("g")));
            assertEquals("req-1", e.requestId());
            assertEquals(1, bodies.size());
            assertTrue(bodies.get(0).startsWith("Action=DescribeReplicationGroups&Version=2015-02-02"), bodies.get(0));
            assertEquals(Mode.DRY_RUN, dry.mode());
        } finally {
            server.stop(0);
        }
    }
}
