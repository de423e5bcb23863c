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
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A fingerprint of the data before the change: keys per database (with how many carry an expiry) and a
 * deterministic sample of keys with type, TTL presence and a digest of the value. Deterministic: every key
 * is visited by SCAN and ranked by the SHA-256 of "db:key"; the lowest ranks are sampled, so the same data
 * gives the same sample whatever order SCAN returns. Saved as JSON, readable by the owner only (key names
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
        if (everyKey) {
            sampleSize = Integer.MAX_VALUE;
        }
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
        List<Ranked> chosen = lowest.stream().sorted(Comparator.comparing(Ranked::rank)).toList();
        List<SampledKey> keys = new ArrayList<>();
        forEachBatch(chosen, Ranked::db, Ranked::key, client, (r, reading) -> {
            if (!"none".equals(reading.type())) { // expired or deleted between SCAN and now: not part of the sample
                keys.add(new SampledKey(r.db(), r.key(), reading.type(), reading.pttl() >= 0, reading.sha256()));
            }
        });
        return new DataFingerprint(endpoint, recordedAt, keyspace, keys, everyKey);
    }

    /** Reads {@code items} a database and {@link #BATCH} keys at a time, in their order. */
    static <T> void forEachBatch(List<T> items, ToIntFunction<T> db,
                                 Function<T, String> key, CacheClient client,
                                 BiConsumer<T, CacheClient.Reading> each) {
        int i = 0;
        while (i < items.size()) {
            int d = db.applyAsInt(items.get(i));
            List<T> batch = new ArrayList<>();
            while (i < items.size() && db.applyAsInt(items.get(i)) == d && batch.size() < BATCH) {
                batch.add(items.get(i++));
            }
            client.select(d);
            List<CacheClient.Reading> readings = client.read(batch.stream().map(key).toList());
            for (int j = 0; j < batch.size(); j++) {
                each.accept(batch.get(j), readings.get(j));
            }
        }
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
