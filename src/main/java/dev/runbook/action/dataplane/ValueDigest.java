package dev.runbook.action.dataplane;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SHA-256 of a key's value read by its type, in a canonical order (hash fields and set members sorted; list,
 * sorted-set and stream order as stored). Not DUMP: DUMP's bytes carry the RDB version, which differs between
 * Redis 7.0 and Valkey 8.0, so equal data would look changed.
 */
public final class ValueDigest {
    private ValueDigest() {
    }

    /** The digest of {@code key}'s value of type {@code type}; throws for a type it cannot read. */
    public static String of(CacheClient client, String key, String type) {
        return switch (type) {
            case "string" -> ofValue(key, type, client.get(key));
            case "hash" -> ofValue(key, type, client.hash(key));
            case "list" -> ofValue(key, type, client.list(key));
            case "set" -> ofValue(key, type, client.set(key));
            case "zset" -> ofValue(key, type, client.sortedSet(key));
            case "stream" -> ofValue(key, type, client.stream(key));
            default -> throw unreadable(key, type);
        };
    }

    /**
     * The digest of a value already read: a String (string), Map (hash), List of String (list), Set (set),
     * List of ScoredMember (zset) or List of StreamRecord (stream).
     */
    @SuppressWarnings("unchecked")
    static String ofValue(String key, String type, Object value) {
        Hasher h = new Hasher();
        h.add(type);
        switch (type) {
            case "string" -> h.add((String) value);
            case "hash" -> new TreeMap<>((Map<String, String>) value).forEach((f, v) -> h.add(f).add(v));
            case "list" -> ((List<String>) value).forEach(h::add);
            case "set" -> new TreeSet<>((Set<String>) value).forEach(h::add);
            case "zset" -> ((List<CacheClient.ScoredMember>) value)
                    .forEach(m -> h.add(m.member()).add(Double.toString(m.score())));
            case "stream" -> ((List<CacheClient.StreamRecord>) value).forEach(e -> {
                h.add(e.id());
                e.fields().forEach((f, v) -> h.add(f).add(v));
            });
            default -> throw unreadable(key, type);
        }
        return h.hex();
    }

    static CacheException unreadable(String key, String type) {
        return new CacheException("Key '" + key + "' has type " + type + ", which the fingerprint cannot read.");
    }

    /** SHA-256 of a text, hex; used to rank key names for the deterministic sample. */
    public static String ofText(String text) {
        return new Hasher().add(text).hex();
    }

    /** Length-prefixed parts, so ("ab","c") and ("a","bc") hash differently. */
    private static final class Hasher {
        private final MessageDigest digest;

        Hasher() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        Hasher add(String part) {
            byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
            return this;
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
