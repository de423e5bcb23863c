package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

class FingerprintTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path runDir;

    /** One key of every type in db0, and a key with a TTL in db1. */
    private static void seed(Jedis j) {
        j.set("user:1", "alice");
        j.set("user:2", "bob");
        j.hset("profile:1", Map.of("name", "alice", "plan", "pro"));
        j.rpush("queue:jobs", "a", "b", "c");
        j.sadd("tags", "x", "y", "z");
        j.zadd("scores", Map.of("alice", 3.5, "bob", 1.0));
        j.xadd("events", StreamEntryID.NEW_ENTRY, Map.of("type", "login"));
        j.select(1);
        j.setex("session:9", 3600, "token-data");
        j.set("counter", "41");
        j.select(0);
    }

    private TestContext context(LocalRedis redis) {
        TestContext ctx = new TestContext();
        ctx.runDir = runDir;
        ctx.services.put(CacheConnector.class, redis.connector());
        return ctx;
    }

    /** Seeds, records, applies {@code change}, compares. */
    private Outcome compareAfter(LocalRedis redis, java.util.function.Consumer<Jedis> change) throws Exception {
        try (Jedis j = redis.jedis()) {
            seed(j);
        }
        TestContext ctx = context(redis);
        record(1000).execute(ctx);
        try (Jedis j = redis.jedis()) {
            change.accept(j);
        }
        return compare().execute(ctx);
    }

    @Test
    void theDataIsIntactAfterARestartFromTheRdb() throws Exception {
        try (LocalRedis redis = new LocalRedis(dataDir)) {
            try (Jedis j = redis.jedis()) {
                seed(j);
            }
            TestContext ctx = context(redis);
            Outcome recorded = record(1000).execute(ctx);
            assertEquals("Recorded 9 keys in 2 database(s), every key (at most fingerprint.full-compare-max = 200000), "
                    + "into " + runDir.resolve("fingerprint.json"), recorded.summary());
            assertEquals(Map.of("fingerprint-keys", "9", "dbsize", "9"), recorded.facts());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir.resolve("fingerprint.json"))));

            try (Jedis j = redis.jedis()) {
                j.save();
            }
            redis.stop();
            redis.start();
            Outcome compared = compare().execute(ctx);

            assertEquals(Outcome.Status.SUCCEEDED, compared.status(), compared.summary());
            assertEquals("The data is intact: 9 keys (every key) unchanged, 9 → 9 keys", compared.summary());
            assertEquals("intact", compared.facts().get("result"));
            assertEquals("0", compared.facts().get("missing"));
            assertEquals("0", compared.facts().get("changed"));
            assertEquals("0", compared.facts().get("drift"));
        }
    }

    @Test
    void aDeletedKeyAndAChangedValueAreNamed() throws Exception {
        try (LocalRedis redis = new LocalRedis(dataDir)) {
            Outcome o = compareAfter(redis, j -> {
                j.del("user:2");
                j.hset("profile:1", "plan", "free");
                j.select(1);
                j.set("counter", "42");
            });

            assertEquals(Outcome.Status.FAILED, o.status());
            assertEquals("The data differs from before the change: missing user:2; changed db1:counter, profile:1; "
                    + "db0: 7 → 6 keys, 1 fewer but only 0 had an expiry", sortedChanged(o.summary()));
            assertEquals("differs", o.facts().get("result"));
            assertEquals("1", o.facts().get("missing"));
            assertEquals("2", o.facts().get("changed"));
            assertEquals("1", o.facts().get("drift"));
        }
    }

    @Test
    void aKeyWithATtlThatIsGoneCountsAsExpiredNotMissing() throws Exception {
        try (LocalRedis redis = new LocalRedis(dataDir)) {
            Outcome o = compareAfter(redis, j -> {
                j.select(1);
                j.del("session:9"); // as if it had expired
            });

            assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
            assertEquals(List.of("1 sampled key(s) with a TTL have expired since: db1:session:9"), o.warnings());
        }
    }

    @Test
    void theSampleIsTheSameWhateverOrderTheKeysWereWritten() throws Exception {
        try (LocalRedis redis = new LocalRedis(dataDir)) {
            try (Jedis j = redis.jedis()) {
                for (int i = 0; i < 500; i++) {
                    j.set("k" + i, "v" + i);
                }
            }
            DataFingerprint first;
            try (CacheClient c = redis.connector().open(Fingerprint.TIMEOUT)) {
                first = DataFingerprint.record(c, 20, "a", "t");
            }
            try (Jedis j = redis.jedis()) {
                j.flushAll();
                for (int i = 499; i >= 0; i--) {
                    j.set("k" + i, "v" + i);
                }
            }
            try (CacheClient c = redis.connector().open(Fingerprint.TIMEOUT)) {
                assertEquals(first.keys(), DataFingerprint.record(c, 20, "a", "t").keys());
            }
            assertEquals(20, first.keys().size());
        }
    }

    @Test
    void everyKeyUpToTheFullCompareMaxElseTheSample() throws Exception {
        try (LocalRedis redis = new LocalRedis(dataDir)) {
            try (Jedis j = redis.jedis()) {
                for (int i = 0; i < 700; i++) {
                    j.set("k" + i, "v" + i);
                }
            }
            DataFingerprint all;
            DataFingerprint sample;
            try (CacheClient c = redis.connector().open(Fingerprint.TIMEOUT)) {
                all = DataFingerprint.record(c, 20, 700, "a", "t");
                sample = DataFingerprint.record(c, 20, 699, "a", "t");
            }
            assertTrue(all.everyKey());
            assertEquals(700, all.keys().size());
            assertFalse(sample.everyKey());
            assertEquals(20, sample.keys().size());
            String outside = all.keys().stream().map(DataFingerprint.SampledKey::key)
                    .filter(k -> sample.keys().stream().noneMatch(x -> x.key().equals(k))).findFirst().orElseThrow();
            try (Jedis j = redis.jedis()) {
                j.set(outside, "changed outside the sample");
            }
            try (CacheClient c = redis.connector().open(Fingerprint.TIMEOUT)) {
                assertEquals(List.of(outside), FingerprintComparison.compare(c, all).changed(), "the full compare sees it");
                assertTrue(FingerprintComparison.compare(c, sample).intact(), "the sample cannot");
            }
        }
    }

    @Test
    void compareWithoutARecordedFingerprintIsSkippedWithTheReason() throws Exception {
        TestContext ctx = new TestContext();
        ctx.runDir = runDir;

        Outcome o = compare().execute(ctx);

        assertEquals(Outcome.Status.SKIPPED, o.status());
        assertEquals("Nothing to compare: no fingerprint was recorded in this run (" + runDir.resolve("fingerprint.json")
                + " is missing); the fingerprint-before step must run before the change.", o.summary());
    }

    @Test
    void valuesDigestTheSameOnlyWhenTheyAreTheSame() throws Exception {
        try (LocalRedis redis = new LocalRedis(dataDir); Jedis j = redis.jedis();
             CacheClient c = redis.connector().open(Fingerprint.TIMEOUT)) {
            j.rpush("l1", "ab", "c");
            j.rpush("l2", "a", "bc");
            j.sadd("s1", "a", "b");
            j.sadd("s2", "b", "a");
            assertTrue(!ValueDigest.of(c, "l1", "list").equals(ValueDigest.of(c, "l2", "list")));
            assertEquals(ValueDigest.of(c, "s1", "set"), ValueDigest.of(c, "s2", "set"));
        }
    }

    /** The changed keys come in sample order (by hash); sort them so the expected text is fixed. */
    private static String sortedChanged(String summary) {
        int from = summary.indexOf("changed ") + "changed ".length();
        int to = summary.indexOf(';', from);
        List<String> keys = new java.util.ArrayList<>(List.of(summary.substring(from, to).split(", ")));
        java.util.Collections.sort(keys);
        return summary.substring(0, from) + String.join(", ", keys) + summary.substring(to);
    }

    private static Fingerprint record(int sample) {
        return Fingerprint.create(DataPlaneParams.of("phase = record, sample-size = " + sample));
    }

    private static Fingerprint compare() {
        return Fingerprint.create(DataPlaneParams.of("phase = compare"));
    }
}
