package dev.runbook.action.dataplane;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The keys a benchmark that writes may touch: only those under its dedicated prefix. Before it writes, no key
 * may carry the prefix (else they are someone's: the benchmark refuses rather than mix with them); afterwards it
 * deletes exactly the keys its tests can have created ({@link LoadTest#keysWritten}) and checks with SCAN that
 * none is left. It never deletes by pattern, so a key it did not write is never removed.
 */
final class BenchmarkKeys {
    static final int BATCH = 1000;

    private BenchmarkKeys() {
    }

    /** Up to {@code limit} keys that start with {@code prefix} (a full SCAN with MATCH when there are none). */
    static List<String> existing(Jedis jedis, String prefix, int limit) {
        List<String> found = new ArrayList<>();
        ScanParams match = new ScanParams().match(prefix + "*").count(BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, match);
            for (String k : page.getResult()) {
                if (found.size() < limit) {
                    found.add(k);
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START) && found.size() < limit);
        return found;
    }

    /** UNLINKs every key the write tests can have made; returns how many existed (were deleted). */
    static long delete(Jedis jedis, String prefix, int keyspace) {
        List<String> keys = LoadTest.keysWritten(prefix, keyspace);
        long deleted = 0;
        for (int i = 0; i < keys.size(); i += BATCH) {
            deleted += jedis.unlink(keys.subList(i, Math.min(keys.size(), i + BATCH)).toArray(String[]::new));
        }
        return deleted;
    }
}
