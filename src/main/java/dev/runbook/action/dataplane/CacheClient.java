package dev.runbook.action.dataplane;

import java.util.ArrayList;
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

    /** One key as the fingerprint sees it: type ("none" when it is gone), PTTL, digest of the value (null if gone). */
    record Reading(String key, String type, long pttl, String sha256) {
    }

    void ping();

    /** The text of {@code INFO <section>}. */
    String info(String section);

    /**
     * The text of {@code CLIENT LIST}: a line per connection ({@code id= addr= laddr= name= ... lib-name= lib-ver=}).
     * A client that cannot list connections says so with a CacheException.
     */
    default String clientList() {
        throw new CacheException("this cache client cannot list the server's connections (CLIENT LIST)");
    }

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

    /**
     * TYPE, PTTL and the value digest of each key of the selected database. One call per key here; a client
     * that can pipeline reads a whole batch in two round trips (a full compare of 200,000 keys stays quick).
     */
    default List<Reading> read(List<String> keys) {
        List<Reading> out = new ArrayList<>();
        for (String key : keys) {
            String type = type(key);
            out.add("none".equals(type) ? new Reading(key, type, -2, null)
                    : new Reading(key, type, pttl(key), ValueDigest.of(this, key, type)));
        }
        return out;
    }

    /** Keys and keys-with-expiry per database, from {@code INFO keyspace}. */
    default Map<Integer, Keyspace.Db> keyspace() {
        return Keyspace.parse(info("keyspace"));
    }

    @Override
    void close();
}
