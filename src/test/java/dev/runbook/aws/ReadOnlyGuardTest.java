package dev.runbook.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.sts.StsClient;

/** Dry-run safety: the guard lets only reads through and refuses every other SDK operation unsent. */
class ReadOnlyGuardTest {
    /** A client that fails the test if anything but the one read reaches it. */
    static final class Recorder implements ElastiCacheClient {
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public DescribeReplicationGroupsResponse describeReplicationGroups(DescribeReplicationGroupsRequest r) {
            reads.incrementAndGet();
            return DescribeReplicationGroupsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    final AtomicInteger built = new AtomicInteger();
    final Recorder recorder = new Recorder();
    final ElastiCacheClient guarded = ReadOnlyGuard.wrap(ElastiCacheClient.class, () -> {
        built.incrementAndGet();
        return recorder;
    });

    @Test
    void refusesTheMutationsTheProjectSendsWithTheRequestItWouldSend() {
        var e = assertThrows(DryRunRefusedException.class, () -> guarded.modifyReplicationGroup(
                ModifyReplicationGroupRequest.builder().replicationGroupId("g").engine("valkey").engineVersion("8.0")
                        .authToken("s3cret-token").applyImmediately(true).build()));
        assertEquals("modifyReplicationGroup", e.operation());
        assertTrue(e.getMessage().startsWith("dry run: modifyReplicationGroup refused, nothing sent; would send: "
                + "ModifyReplicationGroupRequest(ReplicationGroupId=g, "), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-token"), e.getMessage());
        assertThrows(DryRunRefusedException.class, () -> guarded.createSnapshot(b -> b.replicationGroupId("g")));
        assertThrows(DryRunRefusedException.class, () -> guarded.increaseReplicaCount(b -> b.replicationGroupId("g")));
        // the lease on the group: a dry run only reads it (ListTagsForResource), never takes or breaks one
        assertThrows(DryRunRefusedException.class, () -> guarded.addTagsToResource(b -> b.resourceName("arn:g")
                .tags(software.amazon.awssdk.services.elasticache.model.Tag.builder().key(LeaseValue.TAG).value("v").build())));
        assertThrows(DryRunRefusedException.class, () -> guarded.removeTagsFromResource(b -> b.resourceName("arn:g")
                .tagKeys(LeaseValue.TAG)));
        assertTrue(ReadOnlyGuard.isRead("listTagsForResource"));
        var create = assertThrows(DryRunRefusedException.class, () -> guarded.createReplicationGroup(
                b -> b.replicationGroupId("g-rollback").snapshotName("pre")));
        assertTrue(create.getMessage().endsWith("would send: CreateReplicationGroupRequest("
                + "ReplicationGroupId=g-rollback, SnapshotName=pre)"), create.getMessage());
        // the clean-up runbook's deletions (issue 19)
        var delete = assertThrows(DryRunRefusedException.class, () -> guarded.deleteReplicationGroup(
                b -> b.replicationGroupId("g-rollback").retainPrimaryCluster(false)));
        assertTrue(delete.getMessage().endsWith("would send: DeleteReplicationGroupRequest("
                + "ReplicationGroupId=g-rollback, RetainPrimaryCluster=false)"), delete.getMessage());
        assertThrows(DryRunRefusedException.class, () -> guarded.deleteSnapshot(b -> b.snapshotName("g-pre-valkey-x")));
        assertEquals(0, built.get(), "the real client was never even built");
    }

    @Test
    void refusesEveryNonReadOperationOfEveryGuardedClientWithoutCallingIt() throws Exception {
        for (Class<?> type : List.of(ElastiCacheClient.class, CloudWatchClient.class, StsClient.class)) {
            AtomicInteger calls = new AtomicInteger();
            Object client = ReadOnlyGuard.wrap(type, () -> {
                calls.incrementAndGet();
                throw new AssertionError("the delegate must not be built");
            });
            int refused = 0;
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || ReadOnlyGuard.isRead(m.getName())
                        || List.of("serviceName", "serviceClientConfiguration", "close", "waiter").contains(m.getName())) {
                    continue;
                }
                try {
                    m.invoke(client, arguments(m));
                    fail(type.getSimpleName() + "." + m.getName() + " was not refused");
                } catch (InvocationTargetException e) {
                    assertTrue(e.getCause() instanceof DryRunRefusedException,
                            m.getName() + " threw " + e.getCause());
                    refused++;
                }
            }
            assertEquals(0, calls.get());
            assertTrue(type != ElastiCacheClient.class || refused > 50, "walked " + refused + " mutating methods");
        }
    }

    @Test
    void letsReadsThroughBuildingTheClientOnce() {
        guarded.describeReplicationGroups(b -> b.replicationGroupId("g"));
        guarded.describeReplicationGroups(DescribeReplicationGroupsRequest.builder().build());
        assertEquals(2, recorder.reads.get());
        assertEquals(1, built.get());
        assertEquals("elasticache", guarded.serviceName());
    }

    @Test
    void waitersPollThroughTheGuard() {
        var waiter = guarded.waiter();
        assertTrue(waiter.getClass().getName().contains("Waiter"), waiter.getClass().getName());
    }

    private static Object[] arguments(Method m) throws ReflectiveOperationException {
        Object[] args = new Object[m.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            Class<?> p = m.getParameterTypes()[i];
            if (SdkRequest.class.isAssignableFrom(p)) {
                args[i] = ((SdkBuilder<?, ?>) p.getMethod("builder").invoke(null)).build();
            } else if (p == Consumer.class) {
                args[i] = (Consumer<Object>) b -> { };
            }
        }
        return args;
    }
}
