package dev.runbook.aws.engines;

import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;

/**
 * The keyspace a rehearsal loads into its Redis 7.0 when the operator brings no RDB: keys of every type the
 * migration must carry (small and large strings, hashes, lists, sets, sorted sets, streams with a consumer group
 * and pending entries, HyperLogLog, bitmaps, geo), some with a TTL (a day: none expires during a rehearsal), over
 * databases 0, 1 and 2. Deterministic: the same count gives the same data.
 */
final class GeneratedKeyspace {
    static final int[] DBS = {0, 1, 2};
    private static final int KINDS = 12;

    private GeneratedKeyspace() {
    }

    /** Writes {@code keys} keys through {@code jedis}; returns them per database. */
    static Map<Integer, Integer> write(Jedis jedis, int keys) {
        Map<Integer, Integer> perDb = new LinkedHashMap<>();
        for (int db : DBS) {
            int count = keys / DBS.length + (db < keys % DBS.length ? 1 : 0);
            jedis.select(db);
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < count; i++) {
                add(p, db, i);
                if (i % 500 == 499) {
                    p.sync();
                }
            }
            p.sync();
            pendingEntries(jedis, count);
            perDb.put(db, count);
        }
        jedis.select(0);
        return perDb;
    }

    private static void add(Pipeline p, int db, int i) {
        String id = db + ":" + i;
        switch (i % KINDS) {
            case 0 -> p.set("session:" + id, "user-" + (i * 7919 % 100_000));
            case 1 -> p.set("page:" + id, "<html>" + "x".repeat(1800 + i % 400) + "</html>");
            case 2 -> p.hset("movie:" + id, Map.of("title", "Popcorn " + i, "year", String.valueOf(1950 + i % 75),
                    "rating", String.valueOf(i % 10)));
            case 3 -> p.rpush("queue:" + id, "job-" + i, "job-" + (i + 1), "job-" + (i + 2));
            case 4 -> p.sadd("tags:" + id, "drama", "comedy", "tag-" + i % 97);
            case 5 -> p.zadd("ranking:" + id, Map.of("m" + i, i / 10.0, "m" + (i + 1), 9.5, "m0", 0.25));
            case 6 -> p.xadd("events:" + id, new StreamEntryID(1_700_000_000_000L + i, 0),
                    Map.of("type", "view", "movie", String.valueOf(i)));
            case 7 -> p.pfadd("visitors:" + id, "v" + i, "v" + (i + 1), "v" + (i * 3));
            case 8 -> p.setbit("seen:" + id, i % 4096, true);
            case 9 -> p.geoadd("cinema:" + id, 126.9 + (i % 100) / 1000.0, 37.5 + (i % 50) / 1000.0, "c" + i);
            case 10 -> p.setex("token:" + id, 86_400, "t" + Integer.toHexString(i * 31));
            default -> {
                p.hset("cart:" + id, Map.of("items", String.valueOf(i % 7), "total", String.valueOf(i * 3)));
                p.expire("cart:" + id, 86_400);
            }
        }
    }

    /** Every stream key gets a consumer group; a few entries are read and left unacknowledged (pending). */
    private static void pendingEntries(Jedis jedis, int count) {
        int db = jedis.getDB();
        for (int i = 6; i < count; i += KINDS) {
            String key = "events:" + db + ":" + i;
            jedis.xgroupCreate(key, "workers", new StreamEntryID(0, 0), false);
            if (i % (KINDS * 5) == 6) {
                jedis.xreadGroup("workers", "worker-1", XReadGroupParams.xReadGroupParams().count(1),
                        Map.of(key, StreamEntryID.UNRECEIVED_ENTRY));
            }
        }
    }
}
