package dev.runbook.aws.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the simulated ElastiCache knows of engines: the versions it offers (as "major.minor" → full version)
 * with their parameter-group family, and the default parameter groups of each family.
 */
final class Catalog {
    record EngineVersion(String engine, String version, String full, String family) {
    }

    static final List<EngineVersion> VERSIONS = List.of(
            new EngineVersion("redis", "6.2", "6.2.6", "redis6.x"),
            new EngineVersion("redis", "7.0", "7.0.7", "redis7"),
            new EngineVersion("redis", "7.1", "7.1.0", "redis7"),
            new EngineVersion("valkey", "7.2", "7.2.6", "valkey7"),
            new EngineVersion("valkey", "8.0", "8.0.1", "valkey8"),
            new EngineVersion("valkey", "8.1", "8.1.0", "valkey8"));

    static final Map<String, String> PARAMETER_GROUPS = Map.of(
            "default.redis6.x", "redis6.x",
            "default.redis7", "redis7",
            "default.redis7.cluster.on", "redis7",
            "default.valkey7", "valkey7",
            "default.valkey8", "valkey8",
            "default.valkey8.cluster.on", "valkey8");

    private Catalog() {
    }

    /** The version a request names ("8.0" or "8.0.1") for an engine. */
    static Optional<EngineVersion> find(String engine, String version) {
        return VERSIONS.stream().filter(v -> v.engine().equals(engine)
                && (v.version().equals(version) || v.full().equals(version))).findFirst();
    }

    /** Orders versions across engines: Valkey 7.2 follows Redis OSS 7.x (AWS's own upgrade path). */
    static int rank(String engine, String fullVersion) {
        String[] p = fullVersion.split("\\.");
        int major = Integer.parseInt(p[0]);
        int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        return (engine.equals("valkey") ? 1000 : 0) + major * 10 + minor;
    }
}
