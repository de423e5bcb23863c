package dev.runbook.action.dataplane;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        Hasher h = new Hasher();
        h.add(type);
        switch (type) {
            case "string" -> h.add(client.get(key));
            case "hash" -> new TreeMap<>(client.hash(key)).forEach((f, v) -> h.add(f).add(v));
            case "list" -> client.list(key).forEach(h::add);
            case "set" -> new TreeSet<>(client.set(key)).forEach(h::add);
            case "zset" -> client.sortedSet(key).forEach(m -> h.add(m.member()).add(Double.toString(m.score())));
            case "stream" -> client.stream(key).forEach(e -> {
                h.add(e.id());
                e.fields().forEach((f, v) -> h.add(f).add(v));
            });
            default -> throw new CacheException("Key '" + key + "' has type " + type + ", which the fingerprint cannot read.");
        }
        return h.hex();
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
