package dev.runbook.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One target environment (dev, prod): the replication group and every value of the guide's per-environment
 * settings, read and validated eagerly from {@code runbook.environments.<name>}.
 */
public record Environment(
        String name,
        String replicationGroupId,
        String nodeType,
        EngineRef source,
        Target target,
        int currentNumCacheClusters,
        int numCacheClusters,
        boolean automaticFailover,
        boolean multiAz,
        boolean atRestEncryption,
        boolean transitEncryption,
        boolean applyImmediately,
        int snapshotRetentionLimit,
        String snapshotWindow,
        String maintenanceWindow,
        String terraformDir,
        String migrationMethod,
        String confirmRisky,
        DataPlane dataPlane,
        boolean production) {

    /** ElastiCache's rule: 1-40 letters, digits or hyphens, starting with a letter, no "--", no trailing "-". */
    public static final Pattern REPLICATION_GROUP_ID =
            Pattern.compile("^(?!.*--)[a-z][a-z0-9-]{0,39}(?<!-)$");
    static final Pattern SNAPSHOT_WINDOW = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d$");
    static final Pattern MAINTENANCE_WINDOW = Pattern.compile(
            "^(sun|mon|tue|wed|thu|fri|sat):([01]\\d|2[0-3]):[0-5]\\d-(sun|mon|tue|wed|thu|fri|sat):([01]\\d|2[0-3]):[0-5]\\d$");
    public static final List<String> METHODS = List.of("terraform", "sdk");
    public static final List<String> CONFIRMS = List.of("yes", "type-id");

    /** An engine and its version, e.g. redis 7.0. */
    public record EngineRef(String engine, String version) {
        @Override
        public String toString() {
            return engine + " " + version;
        }
    }

    /** What the group becomes: engine, version and the parameter group of the target family. */
    public record Target(String engine, String version, String parameterGroup) {
    }

    /**
     * The cache endpoint the data-plane steps talk to; the token itself is never held in settings.
     * {@code caFile} is a PEM file of the CA certificates to trust for TLS ("" = the JVM's default trust store).
     */
    public record DataPlane(String host, int port, boolean tls, String authTokenEnv, String authTokenFile,
                            String caFile, BenchmarkWrites benchmark) {
        /** Without a CA file, with the benchmark's defaults for a non-production environment. */
        public DataPlane(String host, int port, boolean tls, String authTokenEnv, String authTokenFile) {
            this(host, port, tls, authTokenEnv, authTokenFile, "", BenchmarkWrites.defaults(false));
        }
    }

    /**
     * What the benchmark may write: {@code writes} (default: only on a non-production environment), and then
     * only keys under {@code keyPrefix} in database {@code db}, which it deletes again afterwards.
     */
    public record BenchmarkWrites(boolean writes, String keyPrefix, int db) {
        public static final String DEFAULT_PREFIX = "runbook-benchmark:";
        static final Pattern PREFIX = Pattern.compile("^[^*?\\[\\]\\\\\\s]{3,64}$");

        public static BenchmarkWrites defaults(boolean production) {
            return new BenchmarkWrites(!production, DEFAULT_PREFIX, 0);
        }
    }

    static Environment read(String name, ConfigReader r) {
        String id = r.matching("replication-group-id", REPLICATION_GROUP_ID,
                "a valid replication group id (1-40 lowercase letters, digits or hyphens; starts with a letter;"
                        + " no '--'; no trailing '-')");
        ConfigReader src = r.object("source");
        EngineRef source = new EngineRef(src.oneOf("engine", List.of("redis")), src.string("version"));
        src.rejectUnknown();
        ConfigReader tgt = r.object("target");
        Target target = new Target(tgt.oneOf("engine", List.of("valkey")), tgt.string("version"),
                tgt.string("parameter-group"));
        tgt.rejectUnknown();
        ConfigReader dp = r.object("data-plane");
        boolean production = r.bool("production");
        BenchmarkWrites bench = BenchmarkWrites.defaults(production);
        if (dp.has("benchmark")) {
            ConfigReader b = dp.object("benchmark");
            bench = new BenchmarkWrites(b.has("writes") ? b.bool("writes") : bench.writes(),
                    b.has("key-prefix") ? b.matching("key-prefix", BenchmarkWrites.PREFIX,
                            "3-64 characters without spaces or the SCAN pattern characters * ? [ ] \\") : bench.keyPrefix(),
                    b.has("db") ? b.integer("db", 0, 15) : bench.db());
            b.rejectUnknown();
        }
        DataPlane dataPlane = new DataPlane(dp.string("host", ""), dp.integer("port", 1, 65535), dp.bool("tls"),
                dp.string("auth-token-env", ""), dp.string("auth-token-file", ""), dp.string("ca-file", ""), bench);
        dp.rejectUnknown();
        Environment env = new Environment(name, id,
                r.string("node-type"), source, target,
                r.integer("current-num-cache-clusters", 1, 6),
                r.integer("num-cache-clusters", 1, 6),
                r.bool("automatic-failover"),
                r.bool("multi-az"),
                r.bool("at-rest-encryption"),
                r.bool("transit-encryption"),
                r.bool("apply-immediately"),
                r.integer("snapshot-retention-limit", 0, 35),
                r.matching("snapshot-window", SNAPSHOT_WINDOW, "a window hh:mm-hh:mm (UTC)"),
                r.matching("maintenance-window", MAINTENANCE_WINDOW, "a window ddd:hh:mm-ddd:hh:mm (UTC)"),
                r.string("terraform-dir"),
                r.oneOf("migration-method", METHODS),
                r.oneOf("confirm-risky", CONFIRMS),
                dataPlane,
                production);
        r.rejectUnknown();
        try {
            MaintenanceWindow.parse(env.maintenanceWindow);
        } catch (IllegalArgumentException e) {
            // blamed here, on the settings' own line, not later on the runbook step that reads the window
            throw r.fail("maintenance-window", e.getMessage());
        }
        if (env.multiAz && (!env.automaticFailover || env.numCacheClusters < 2)) {
            throw r.fail("multi-az", "Multi-AZ needs automatic-failover = true and num-cache-clusters >= 2");
        }
        if (env.automaticFailover && env.numCacheClusters < 2) {
            throw r.fail("automatic-failover", "automatic failover needs num-cache-clusters >= 2");
        }
        return env;
    }

    /** The values a runbook may substitute as {@code ${env.<key>}}, in kebab-case as in the settings. */
    public Map<String, Object> asSubstitutions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("replication-group-id", replicationGroupId);
        m.put("node-type", nodeType);
        m.put("source", Map.of("engine", source.engine(), "version", source.version()));
        m.put("target", Map.of("engine", target.engine(), "version", target.version(),
                "parameter-group", target.parameterGroup()));
        m.put("current-num-cache-clusters", currentNumCacheClusters);
        m.put("num-cache-clusters", numCacheClusters);
        m.put("automatic-failover", automaticFailover);
        m.put("multi-az", multiAz);
        m.put("at-rest-encryption", atRestEncryption);
        m.put("transit-encryption", transitEncryption);
        m.put("apply-immediately", applyImmediately);
        m.put("snapshot-retention-limit", snapshotRetentionLimit);
        m.put("snapshot-window", snapshotWindow);
        m.put("maintenance-window", maintenanceWindow);
        m.put("terraform-dir", terraformDir);
        m.put("migration-method", migrationMethod);
        m.put("confirm-risky", confirmRisky);
        m.put("production", production);
        return m;
    }

    /** The same environment changing the group another way (export-ssm takes the sdk path: SSM cannot run Terraform). */
    public Environment withMigrationMethod(String method) {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("migration method " + method + " is not one of " + METHODS);
        }
        return new Environment(name, replicationGroupId, nodeType, source, target, currentNumCacheClusters,
                numCacheClusters, automaticFailover, multiAz, atRestEncryption, transitEncryption, applyImmediately,
                snapshotRetentionLimit, snapshotWindow, maintenanceWindow, terraformDir, method, confirmRisky, dataPlane,
                production);
    }
}
