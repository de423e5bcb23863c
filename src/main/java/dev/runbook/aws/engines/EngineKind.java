package dev.runbook.aws.engines;

import java.util.Locale;

/**
 * The two engines a rehearsal runs: Redis OSS 7.0 before the change, Valkey 8.0 after. Each knows its binary's
 * name, the settings key that can name another one, the version line the runbook expects and how to install it
 * on this kind of machine (Debian 12).
 */
public enum EngineKind {
    REDIS("redis-server", "7.0", "apt-get install redis-server (Debian 12 packages Redis 7.0.15; embedded-redis also "
            + "ships a 7.0.15 binary)"),
    VALKEY("valkey-server", "8.0", "add 'deb http://deb.debian.org/debian bookworm-backports main' to apt's sources, "
            + "apt-get update, then apt-get install -t bookworm-backports valkey-server");

    private final String binary;
    private final String expected;
    private final String install;

    EngineKind(String binary, String expected, String install) {
        this.binary = binary;
        this.expected = expected;
        this.install = install;
    }

    /** The simulation's engine name ("redis", "valkey") as a kind. */
    public static EngineKind of(String engine) {
        return valueOf(engine.toUpperCase(Locale.ROOT));
    }

    public String binary() {
        return binary;
    }

    /** major.minor the runbook migrates from/to, e.g. "7.0". */
    public String expected() {
        return expected;
    }

    public String install() {
        return install;
    }

    /** The settings key that names another binary: rehearsal.engines.redis-server. */
    public String settingsKey() {
        return "rehearsal.engines." + binary;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
