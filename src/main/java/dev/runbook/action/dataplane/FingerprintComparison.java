package dev.runbook.action.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The data after the change against the fingerprint from before: sampled keys now missing, sampled values
 * changed (type or digest), and databases that lost more keys than carried an expiry. A sampled key that had
 * a TTL and is gone counts as expired, not missing.
 */
public record FingerprintComparison(List<String> missing, List<String> expired, List<String> changed,
                                    List<String> drift, long keysBefore, long keysAfter) {

    public static FingerprintComparison compare(CacheClient client, DataFingerprint before) {
        List<String> missing = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        DataFingerprint.forEachBatch(before.keys(), DataFingerprint.SampledKey::db, DataFingerprint.SampledKey::key,
                client, (k, now) -> {
                    String name = k.db() == 0 ? k.key() : "db" + k.db() + ":" + k.key();
                    if ("none".equals(now.type())) {
                        (k.ttl() ? expired : missing).add(name);
                    } else if (!now.type().equals(k.type())) {
                        changed.add(name + " (type " + k.type() + " → " + now.type() + ")");
                    } else if (!now.sha256().equals(k.sha256())) {
                        changed.add(name);
                    }
                });
        Map<Integer, Keyspace.Db> after = client.keyspace();
        List<String> drift = new ArrayList<>();
        TreeSet<Integer> dbs = new TreeSet<>(before.keyspace().keySet());
        dbs.addAll(after.keySet());
        for (int db : dbs) {
            Keyspace.Db b = before.keyspace().getOrDefault(db, new Keyspace.Db(0, 0));
            Keyspace.Db a = after.getOrDefault(db, new Keyspace.Db(0, 0));
            long lost = b.keys() - a.keys();
            if (lost > b.expires()) {
                drift.add("db" + db + ": " + b.keys() + " → " + a.keys() + " keys, " + lost + " fewer but only "
                        + b.expires() + " had an expiry");
            }
        }
        long keysAfter = after.values().stream().mapToLong(Keyspace.Db::keys).sum();
        return new FingerprintComparison(missing, expired, changed, drift, before.totalKeys(), keysAfter);
    }

    public boolean intact() {
        return missing.isEmpty() && changed.isEmpty() && drift.isEmpty();
    }

    /** What differs, in one line: "missing a, b; changed c; db0: 10 → 8 keys, ...". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + String.join(", ", missing));
        }
        if (!changed.isEmpty()) {
            parts.add("changed " + String.join(", ", changed));
        }
        parts.addAll(drift);
        return parts.isEmpty() ? "nothing differs" : String.join("; ", parts);
    }
}
