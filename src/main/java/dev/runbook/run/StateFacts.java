package dev.runbook.run;

import dev.runbook.action.Outcome;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts about the group that the drift guard holds a run to: what a dry run read (status, engine and the
 * version of every member, node type and count, parameter group, encryption, failover/Multi-AZ, pending
 * changes, the snapshots it saw). They are read by name from the outcomes of read-only steps — never from a
 * step's id — so a change this run made (replicas added) is not mistaken for drift.
 */
enum StateFacts {
    STATUS("status"),
    ENGINE("engine"),
    ENGINE_VERSION("engine-version"),
    MEMBER_VERSIONS("member-versions"),
    NODE_TYPE("node-type"),
    NUM_CACHE_CLUSTERS("num-cache-clusters"),
    PARAMETER_GROUP("parameter-group"),
    AT_REST_ENCRYPTION("at-rest-encryption"),
    TRANSIT_ENCRYPTION("transit-encryption"),
    AUTOMATIC_FAILOVER("automatic-failover"),
    MULTI_AZ("multi-az"),
    PENDING("pending"),
    /** Snapshots come and go daily: only one the dry run saw that is gone now is drift. */
    SNAPSHOTS("snapshots");

    private final String fact;

    StateFacts(String fact) {
        this.fact = fact;
    }

    String fact() {
        return fact;
    }

    /**
     * The newest value of each state fact recorded by a read-only step before the run's first change (sent, or
     * only previewed in a dry run), in catalogue order: what the group was before anything of this run touched it.
     */
    static Map<String, String> current(List<StepState> history) {
        int end = 0;
        while (end < history.size() && !firstChange(history.get(end))) {
            end++;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (StateFacts f : values()) {
            for (int i = end - 1; i >= 0; i--) {
                StepState s = history.get(i);
                Outcome o = s.outcome();
                if (o != null && !s.entry().step().action().mutates() && o.facts().containsKey(f.fact)) {
                    out.put(f.fact, o.facts().get(f.fact));
                    break;
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static boolean firstChange(StepState s) {
        return s.entry().step().action().mutates()
                && (s.status() == StepStatus.DONE || s.status() == StepStatus.WOULD_RUN);
    }

    /** How {@code now} differs from {@code recorded} for this fact, or null when it does not. */
    String differs(String recorded, String now) {
        if (this != SNAPSHOTS) {
            return recorded.equals(now) ? null : recorded + " → " + now;
        }
        Set<String> gone = names(recorded);
        gone.removeAll(names(now));
        return gone.isEmpty() ? null : "gone since the dry run: " + String.join(", ", gone);
    }

    private static Set<String> names(String list) {
        Set<String> out = new LinkedHashSet<>(Arrays.asList(list.split(",")));
        out.remove("");
        out.remove("none");
        return out;
    }

    static StateFacts of(String fact) {
        for (StateFacts f : values()) {
            if (f.fact.equals(fact)) {
                return f;
            }
        }
        return null;
    }
}
