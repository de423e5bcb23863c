package dev.runbook.action.dataplane;

import java.util.HashMap;
import java.util.Map;

/**
 * Which engine and version an endpoint runs, read from {@code INFO server}. Valkey 8.0 prints
 * {@code redis_version:7.2.4} first (a fixed compatibility value), so the rule is: it is Valkey iff a
 * {@code valkey_version:} or {@code server_name:valkey} line exists anywhere; the version is then
 * {@code valkey_version}, else {@code redis_version}. The mode is {@code server_mode} (Valkey) or
 * {@code redis_mode} (Redis).
 */
public record EngineIdentity(String engine, String version, String mode) {

    public static EngineIdentity parse(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        boolean valkey = fields.containsKey("valkey_version") || "valkey".equals(fields.get("server_name"));
        String version = valkey ? fields.getOrDefault("valkey_version", fields.getOrDefault("redis_version", "unknown"))
                : fields.getOrDefault("redis_version", "unknown");
        String mode = fields.getOrDefault("server_mode", fields.getOrDefault("redis_mode", "unknown"));
        return new EngineIdentity(valkey ? "valkey" : "redis", version, mode);
    }

    /** True when this is {@code engine} and the version is {@code version} or a patch of it ("7.0" matches "7.0.15"). */
    public boolean matches(String engine, String version) {
        return this.engine.equals(engine) && (this.version.equals(version) || this.version.startsWith(version + "."));
    }

    @Override
    public String toString() {
        return engine + " " + version;
    }
}
