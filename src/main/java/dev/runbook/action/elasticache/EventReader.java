package dev.runbook.action.elasticache;

import dev.runbook.action.ActionException;
import dev.runbook.action.AwsErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsRequest;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/**
 * Reads a group's events since a time, from both sources AWS may use: {@code replication-group} for the group
 * and {@code cache-cluster} for its members (node-level messages), and returns each event once, oldest first.
 * It remembers what it has returned, so a wait can call it repeatedly and stream only what is new.
 */
public final class EventReader {
    private final ElastiCacheClient client;
    private final String group;
    private final Set<String> members;
    private final Set<String> seen = new HashSet<>();
    private Instant groupSince;
    private Instant clusterSince;

    public EventReader(ElastiCacheClient client, String group, List<String> members, Instant since) {
        this.client = client;
        this.group = group;
        this.members = Set.copyOf(members);
        this.groupSince = since;
        this.clusterSince = since;
    }

    /** The group's request; cache-cluster events come unfiltered by id (one call for every member). */
    public static DescribeEventsRequest request(SourceType type, String id, Instant since) {
        return DescribeEventsRequest.builder().sourceType(type).sourceIdentifier(id).startTime(since).build();
    }

    /** New events of the replication group itself. */
    public List<Event> readGroup() throws ActionException {
        List<Event> out = read(request(SourceType.REPLICATION_GROUP, group, groupSince));
        groupSince = newest(out, groupSince);
        return out;
    }

    /** New node-level events of the members. */
    public List<Event> readMembers() throws ActionException {
        List<Event> out = read(request(SourceType.CACHE_CLUSTER, null, clusterSince));
        clusterSince = newest(out, clusterSince);
        return out;
    }

    /** Both sources, merged oldest first. */
    public List<Event> readAll() throws ActionException {
        List<Event> all = new ArrayList<>(readGroup());
        all.addAll(readMembers());
        all.sort(Comparator.comparing(Event::date));
        return all;
    }

    private List<Event> read(DescribeEventsRequest req) throws ActionException {
        List<Event> out = new ArrayList<>();
        try {
            for (var page : client.describeEventsPaginator(req)) {
                for (Event e : page.events()) {
                    boolean ours = group.equals(e.sourceIdentifier()) || members.contains(e.sourceIdentifier());
                    if (ours && seen.add(e.date() + "|" + e.sourceIdentifier() + "|" + e.message())) {
                        out.add(e);
                    }
                }
            }
        } catch (SdkException e) {
            throw AwsErrors.translate("read the events of " + group, group, e);
        }
        out.sort(Comparator.comparing(Event::date));
        return out;
    }

    private static Instant newest(List<Event> events, Instant since) {
        // StartTime is inclusive, so the next call repeats the newest event; "seen" drops the repeat.
        return events.stream().map(Event::date).max(Comparator.naturalOrder()).orElse(since);
    }

    /** "2026-11-29T04:31:00Z goorm-popcorn-cache-dev-001 (cache-cluster): message". */
    public static String line(Event e) {
        return e.date() + " " + e.sourceIdentifier() + " (" + e.sourceTypeAsString() + "): " + e.message();
    }
}
