package dev.runbook.bench;

import dev.runbook.action.RequestIds;
import dev.runbook.aws.ElastiCacheXml;
import dev.runbook.aws.QueryProtocolServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.DefaultAwsResponseMetadata;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheResponseMetadata;

/**
 * What recording request ids costs an AWS call: the same DescribeReplicationGroups through the real SDK client over
 * HTTP to a local endpoint, direct (the floor) and through {@link RequestIds#recording}, in interleaved rounds;
 * then the same against an in-memory client, where the proxy's own cost is not hidden by the call's. Prints the
 * median per-call time of each and the ratios. Run:
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.runbook.bench.RequestIdsBench}.
 */
public final class RequestIdsBench {
    private RequestIdsBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int calls = 50;
        try (QueryProtocolServer server = QueryProtocolServer.start(); ElastiCacheClient direct = server.elastiCache()) {
            server.onElastiCache("DescribeReplicationGroups", ElastiCacheXml.groups(ElastiCacheXml.devGroup("available")));
            RequestIds ids = new RequestIds();
            ElastiCacheClient recorded = ids.recording(ElastiCacheClient.class, direct);
            time(direct, calls); // warm-up of both paths
            time(recorded, calls);
            List<Double> floor = new ArrayList<>();
            List<Double> proxied = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                floor.add(time(direct, calls));
                proxied.add(time(recorded, calls));
                ids.drain();
            }
            double f = median(floor);
            double p = median(proxied);
            System.out.printf("DescribeReplicationGroups over local HTTP, %d rounds x %d calls (medians):%n", rounds, calls);
            System.out.printf("  direct client (floor): %.1f µs/call%n", f);
            System.out.printf("  recording client:      %.1f µs/call (%.3fx the floor)%n", p, p / f);
        }
        inMemory(rounds);
    }

    /** A client answering from memory with a request id: the proxy's reflection and recording alone. */
    private static void inMemory(int rounds) {
        var response = (DescribeReplicationGroupsResponse) DescribeReplicationGroupsResponse.builder()
                .responseMetadata(ElastiCacheResponseMetadata.create(DefaultAwsResponseMetadata.create(
                        Map.of("AWS_REQUEST_ID", "mem-1")))).build();
        ElastiCacheClient memory = new ElastiCacheClient() {
            @Override
            public DescribeReplicationGroupsResponse describeReplicationGroups(DescribeReplicationGroupsRequest r) {
                return response;
            }

            @Override
            public String serviceName() {
                return "elasticache";
            }

            @Override
            public void close() {
            }
        };
        RequestIds ids = new RequestIds();
        ElastiCacheClient recorded = ids.recording(ElastiCacheClient.class, memory);
        int calls = 200_000;
        time(memory, calls);
        time(recorded, calls);
        List<Double> floor = new ArrayList<>();
        List<Double> proxied = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            floor.add(time(memory, calls));
            proxied.add(time(recorded, calls));
            ids.drain();
        }
        double f = median(floor);
        double p = median(proxied);
        System.out.printf("the same call answered from memory, %d rounds x %d calls (medians):%n", rounds, calls);
        System.out.printf("  direct client (floor): %.2f µs/call%n", f);
        System.out.printf("  recording client:      %.2f µs/call (+%.2f µs per call)%n", p, p - f);
    }

    private static double time(ElastiCacheClient client, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            client.describeReplicationGroups(r -> r.replicationGroupId("goorm-popcorn-cache-dev"));
        }
        return (System.nanoTime() - t0) / 1000.0 / calls;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
