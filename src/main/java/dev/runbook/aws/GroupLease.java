package dev.runbook.aws;

import dev.runbook.action.AwsErrors;

import dev.runbook.action.ActionException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.Tag;

/**
 * The advisory lease on a replication group in AWS: the tag {@value LeaseValue#TAG} on the group's ARN (from
 * DescribeReplicationGroups), written with AddTagsToResource, read with ListTagsForResource, removed with
 * RemoveTagsFromResource. Tags have no compare-and-set, so taking the lease writes, then reads back: the last
 * writer wins and the loser sees the other value and backs off. That closes the common case (a second
 * operator, a forgotten run), not every race: it is not a mutex. Failures are the operator's one sentence,
 * naming the permission when one is missing.
 */
public final class GroupLease {
    /** How an attempt to take (or renew) the lease ended. */
    public sealed interface Attempt permits Taken, Refused, Lost {
    }

    /**
     * The lease is ours until {@code lease.expires()}; {@code previous} is what the tag held before: null, our
     * own run's lease (a renewal, or a resumed run going on holding it), or an expired lease taken over.
     */
    public record Taken(LeaseValue lease, LeaseValue previous) implements Attempt {
        /** Someone else's expired lease this taking replaced, or null. */
        public LeaseValue replaced() {
            return previous == null || previous.runId().equals(lease.runId()) ? null : previous;
        }
    }

    /** Someone else holds an unexpired lease: nothing was written. */
    public record Refused(LeaseValue holder) implements Attempt {
    }

    /** We wrote, but the read-back shows another value ({@code winner}; null when the tag is gone): back off. */
    public record Lost(LeaseValue winner) implements Attempt {
    }

    private final Supplier<ElastiCacheClient> client;
    private final String group;
    private volatile String arn;

    /** {@code client} is asked on each call (a backend builds its clients on first use). */
    public GroupLease(Supplier<ElastiCacheClient> client, String group) {
        this.client = client;
        this.group = group;
    }

    public String group() {
        return group;
    }

    /** The lease on the group now, if there is one. */
    public Optional<LeaseValue> current() throws ActionException {
        String resource = arn();
        try {
            return client.get().listTagsForResource(r -> r.resourceName(resource)).tagList().stream()
                    .filter(t -> LeaseValue.TAG.equals(t.key())).findFirst()
                    .map(t -> LeaseValue.parse(t.value() == null ? "" : t.value()));
        } catch (SdkException e) {
            throw AwsErrors.translate("read the tags of " + group, group,
                    "elasticache:ListTagsForResource", e);
        }
    }

    /**
     * Takes the lease as {@code mine} (or renews it: the same run id) unless someone else holds one that has
     * not expired at {@code now}; then reads it back to see who won.
     */
    public Attempt take(LeaseValue mine, Instant now) throws ActionException {
        Optional<LeaseValue> before = current();
        if (before.isPresent() && !before.get().runId().equals(mine.runId()) && !before.get().expiredAt(now)) {
            return new Refused(before.get());
        }
        String resource = arn();
        try {
            client.get().addTagsToResource(r -> r.resourceName(resource)
                    .tags(Tag.builder().key(LeaseValue.TAG).value(mine.format()).build()));
        } catch (SdkException e) {
            throw AwsErrors.translate("tag " + group + " with the lease", group,
                    "elasticache:AddTagsToResource", e);
        }
        Optional<LeaseValue> after = current();
        if (after.isPresent() && after.get().format().equals(mine.format())) {
            return new Taken(mine, before.orElse(null));
        }
        return new Lost(after.orElse(null));
    }

    /** Removes the lease if it is still {@code runId}'s; true when it was removed. */
    public boolean release(String runId) throws ActionException {
        Optional<LeaseValue> now = current();
        if (now.isEmpty() || !now.get().runId().equals(runId)) {
            return false;
        }
        remove();
        return true;
    }

    /** Removes the lease tag whoever holds it ({@code unlock}). */
    public void remove() throws ActionException {
        String resource = arn();
        try {
            client.get().removeTagsFromResource(r -> r.resourceName(resource).tagKeys(LeaseValue.TAG));
        } catch (SdkException e) {
            throw AwsErrors.translate("remove the lease tag from " + group, group,
                    "elasticache:RemoveTagsFromResource", e);
        }
    }

    /** The group's ARN, asked once: tags live on the ARN, not the id. */
    private String arn() throws ActionException {
        if (arn == null) {
            ReplicationGroup g;
            try {
                g = client.get().describeReplicationGroups(r -> r.replicationGroupId(group)).replicationGroups()
                        .stream().findFirst().orElse(null);
            } catch (SdkException e) {
                throw AwsErrors.translate("describe replication group " + group + " for its lease", group, e);
            }
            if (g == null || g.arn() == null || g.arn().isBlank()) {
                throw new ActionException("AWS did not give the ARN of " + group + " (DescribeReplicationGroups),"
                        + " so its lease cannot be read or taken: check the group id and region, then retry.");
            }
            arn = g.arn();
        }
        return arn;
    }
}
