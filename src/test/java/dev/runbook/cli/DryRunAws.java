package dev.runbook.cli;

import static dev.runbook.aws.ElastiCacheXml.cluster;
import static dev.runbook.aws.ElastiCacheXml.devGroup;
import static dev.runbook.aws.ElastiCacheXml.groups;
import static dev.runbook.aws.ElastiCacheXml.snapshot;
import static dev.runbook.aws.ElastiCacheXml.snapshots;

import dev.runbook.aws.Cbor;
import dev.runbook.aws.ElastiCacheXml;
import dev.runbook.aws.QueryProtocolServer;
import dev.runbook.aws.QueryProtocolServer.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dev group as a local AWS endpoint answers it, for whole runs through the real SDK clients: STS, every
 * ElastiCache read the runbook makes, and an empty CloudWatch page. The SDK clients the run builds reach it
 * through the SDK's own endpoint override and fake credentials (system-property twins of AWS_ENDPOINT_URL,
 * AWS_ACCESS_KEY_ID). Also writes a copy of the project's settings with the SDK migration path and a data-plane
 * endpoint on a closed local port.
 */
final class DryRunAws implements AutoCloseable {
    static final String G = "goorm-popcorn-cache-dev";
    static final String M = G + "-001";
    static final Map<String, String> PROPERTIES = Map.of("aws.accessKeyId", "AKIDEXAMPLE",
            "aws.secretAccessKey", "secret-example");
    final QueryProtocolServer server = QueryProtocolServer.start();

    /** {@code first} scripts answers before the defaults (the first scripted answer is the first one given). */
    DryRunAws(java.util.function.Consumer<QueryProtocolServer> first) {
        first.accept(server);
        PROPERTIES.forEach(System::setProperty);
        System.setProperty("aws.endpointUrl", server.endpoint().toString());
        server.on("GetCallerIdentity", Reply.xml(200, RunCommandTest.IDENTITY));
        server.on("GetMetricData", Reply.cbor(200, Cbor.encode(Map.of("MetricDataResults", List.of()))));
        server.onElastiCache("DescribeEvents", "<Events/>");
        server.onElastiCache("DescribeCacheEngineVersions", ElastiCacheXml.valkey8EngineVersion());
        server.onElastiCache("DescribeCacheParameterGroups", ElastiCacheXml.parameterGroup("default.valkey8", "valkey8"));
    }

    /** The group on {@code nodeType}, its member on redis {@code version}, one fresh automated snapshot. */
    DryRunAws group(String nodeType, String version) {
        server.onElastiCache("DescribeReplicationGroups",
                groups(devGroup("available").replace("cache.t4g.micro", nodeType)));
        server.onElastiCache("DescribeCacheClusters",
                cluster(M, G, "redis", version, null, "default.redis7").replace("cache.t4g.micro", nodeType));
        server.onElastiCache("DescribeSnapshots", snapshots(null, snapshot(G + "-2026-auto", "automated",
                "available", Instant.now().minusSeconds(3600).toString())));
        return this;
    }

    /** Operations the runs sent that are not reads: must stay empty in a dry run. */
    List<String> writes() {
        return server.requests().stream().map(QueryProtocolServer.Received::operation)
                .filter(op -> !(op.startsWith("Describe") || op.startsWith("List") || op.startsWith("Get")))
                .toList();
    }

    /** application.conf with dev on the SDK path and its data plane on a local port nothing listens on. */
    static Path settings(Path dir) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String text = Files.readString(Path.of("application.conf"));
        String dev = text.substring(text.indexOf("dev {"), text.indexOf("prod {"));
        String changed = dev.replace("migration-method = terraform", "migration-method = sdk")
                .replace("data-plane { host = \"\", port = 6379", "data-plane { host = \"127.0.0.1\", port = " + closed);
        Path file = dir.resolve("application.conf");
        Files.writeString(file, text.replace(dev, changed));
        return file;
    }

    @Override
    public void close() {
        server.close();
        PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrl");
    }
}
