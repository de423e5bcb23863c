package dev.runbook.action.dataplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A fingerprint of the data before the change: keys per database (with how many carry an expiry) and a
 * deterministic sample of keys with type, TTL presence and a digest of the value. Deterministic: every key
 * is visited by SCAN and ranked by the SHA-256 of "db:key"; the lowest ranks are sampled, so the same data
 * gives the same sample whatever order SCAN returns. Up to {@code fingerprint.full-compare-max} keys, every key is
 * recorded instead, read page by page as SCAN goes (in database then key order). Saved as JSON, readable by the owner only (key names
 * can be sensitive).
 */
public record DataFingerprint(String endpoint, String recordedAt, Map<Integer, Keyspace.Db> keyspace,
                              List<SampledKey> keys, boolean everyKey) {
    static final int SCAN_COUNT = 1000;
    static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One sampled key. */
    public record SampledKey(int db, String key, String type, boolean ttl, String sha256) {
    }

    private record Ranked(String rank, int db, String key) {
    }

    /** Reads the keyspace and samples up to {@code sampleSize} keys. */
    public static DataFingerprint record(CacheClient client, int sampleSize, String endpoint, String recordedAt) {
        return record(client, sampleSize, 0, endpoint, recordedAt);
    }

    /**
     * Reads the keyspace and records every key when there are at most {@code fullCompareMax}, else a sample of
     * {@code sampleSize}.
     */
    public static DataFingerprint record(CacheClient client, int sampleSize, int fullCompareMax, String endpoint,
                                         String recordedAt) {
        Map<Integer, Keyspace.Db> keyspace = client.keyspace();
        long total = keyspace.values().stream().mapToLong(Keyspace.Db::keys).sum();
        boolean everyKey = total <= fullCompareMax;
        List<SampledKey> keys = everyKey ? everyKey(client, keyspace) : sample(client, keyspace, sampleSize);
        return new DataFingerprint(endpoint, recordedAt, keyspace, keys, everyKey);
    }

    /**
     * Every key, read a SCAN page at a time as the scan goes (one pipeline per page), so nothing but the recorded
     * keys is held; in database then key order, each key once (SCAN may return a key twice).
     */
    private static List<SampledKey> everyKey(CacheClient client, Map<Integer, Keyspace.Db> keyspace) {
        List<SampledKey> keys = new ArrayList<>();
        for (int db : keyspace.keySet()) {
            Map<String, SampledKey> recorded = new TreeMap<>();
            client.select(db);
            String cursor = "0";
            do {
                CacheClient.ScanPage page = client.scan(cursor, SCAN_COUNT);
                List<String> fresh = page.keys().stream().filter(k -> !recorded.containsKey(k)).distinct().toList();
                for (int from = 0; from < fresh.size(); from += BATCH) {
                    List<String> batch = fresh.subList(from, Math.min(fresh.size(), from + BATCH));
                    for (CacheClient.Reading r : client.read(batch)) {
                        if (!"none".equals(r.type())) { // expired or deleted since SCAN saw it
                            recorded.put(r.key(), new SampledKey(db, r.key(), r.type(), r.pttl() >= 0, r.sha256()));
                        }
                    }
                }
                cursor = page.cursor();
            } while (!"0".equals(cursor));
            keys.addAll(recorded.values());
        }
        return keys;
    }

    /** The {@code sampleSize} keys of lowest rank (SHA-256 of "db:key"), in rank order. */
    private static List<SampledKey> sample(CacheClient client, Map<Integer, Keyspace.Db> keyspace, int sampleSize) {
        PriorityQueue<Ranked> lowest = new PriorityQueue<>(Comparator.comparing(Ranked::rank).reversed());
        for (int db : keyspace.keySet()) {
            client.select(db);
            String cursor = "0";
            do {
                CacheClient.ScanPage page = client.scan(cursor, SCAN_COUNT);
                for (String key : page.keys()) {
                    lowest.add(new Ranked(ValueDigest.ofText(db + ":" + key), db, key));
                    if (lowest.size() > sampleSize) {
                        lowest.poll();
                    }
                }
                cursor = page.cursor();
            } while (!"0".equals(cursor));
        }
        List<Ranked> chosen = lowest.stream().sorted(Comparator.comparing(Ranked::rank)).distinct().toList();
        List<SampledKey> keys = new ArrayList<>();
        forEachBatch(chosen, Ranked::db, Ranked::key, client, (r, reading) -> {
            if (!"none".equals(reading.type())) { // expired or deleted between SCAN and now: not part of the sample
                keys.add(new SampledKey(r.db(), r.key(), reading.type(), reading.pttl() >= 0, reading.sha256()));
            }
        });
        return keys;
    }

    /**
     * Reads {@code items} {@link #BATCH} keys of one database at a time: grouped by database first (keeping their
     * order within each), since keys in rank order alternate between databases and batches cut at every change
     * of database were a SELECT and two round trips for one or two keys each.
     */
    static <T> void forEachBatch(List<T> items, ToIntFunction<T> db, Function<T, String> key, CacheClient client,
                                 BiConsumer<T, CacheClient.Reading> each) {
        Map<Integer, List<T>> byDb = new TreeMap<>();
        for (T item : items) {
            byDb.computeIfAbsent(db.applyAsInt(item), d -> new ArrayList<>()).add(item);
        }
        byDb.forEach((d, inDb) -> {
            client.select(d);
            for (int from = 0; from < inDb.size(); from += BATCH) {
                List<T> batch = inDb.subList(from, Math.min(inDb.size(), from + BATCH));
                List<CacheClient.Reading> readings = client.read(batch.stream().map(key).toList());
                for (int j = 0; j < batch.size(); j++) {
                    each.accept(batch.get(j), readings.get(j));
                }
            }
        });
    }

    public long totalKeys() {
        return keyspace.values().stream().mapToLong(Keyspace.Db::keys).sum();
    }

    /** Writes the JSON with owner-only permissions (replacing an older fingerprint). */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            // Not a POSIX file system (or a concurrent writer): the file is written with default permissions.
        }
        JSON.writeValue(file.toFile(), this);
    }

    public static DataFingerprint load(Path file) throws IOException {
        return JSON.readValue(file.toFile(), DataFingerprint.class);
    }
}
