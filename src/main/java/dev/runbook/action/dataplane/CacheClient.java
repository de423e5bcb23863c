package dev.runbook.action.dataplane;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One connection to a Redis or Valkey endpoint, with only the commands the data-plane steps use. The seam
 * between the steps and the client library: the live implementation is {@link JedisCacheClient}, a rehearsal
 * may provide a simulated one through {@link CacheConnector}. Every method throws {@link CacheException} when
 * the call fails. Values are read as UTF-8 text, the same way before and after the change, so a digest of
 * them compares equal exactly when the stored bytes do.
 */
public interface CacheClient extends AutoCloseable {
    /** One page of a SCAN: the cursor to continue with ("0" = done) and the keys it returned. */
    record ScanPage(String cursor, List<String> keys) {
    }

    /** A sorted-set member with its score. */
    record ScoredMember(String member, double score) {
    }

    /** A stream entry: its id and fields in stored order. */
    record StreamRecord(String id, Map<String, String> fields) {
    }

    void ping();

    /** The text of {@code INFO <section>}. */
    String info(String section);

    void select(int db);

    ScanPage scan(String cursor, int count);

    /** TYPE: string, hash, list, set, zset, stream, or none. */
    String type(String key);

    /** PTTL: milliseconds left, -1 without expiry, -2 when the key does not exist. */
    long pttl(String key);

    String get(String key);

    Map<String, String> hash(String key);

    List<String> list(String key);

    Set<String> set(String key);

    List<ScoredMember> sortedSet(String key);

    List<StreamRecord> stream(String key);

    /** Keys and keys-with-expiry per database, from {@code INFO keyspace}. */
    default Map<Integer, Keyspace.Db> keyspace() {
        return Keyspace.parse(info("keyspace"));
    }

    @Override
    void close();
}
