package dev.runbook.config;

/**
 * {@code rehearsal.engines}: the Redis 7.0 and Valkey 8.0 binaries {@code rehearse --real-engines} starts (blank =
 * found on PATH) and the size of the keyspace it generates when no {@code --data FILE.rdb} is given.
 */
public record RehearsalEngines(String redisServer, String valkeyServer, int generatedKeys) {

    static RehearsalEngines read(ConfigReader c) {
        RehearsalEngines e = new RehearsalEngines(c.string("redis-server"), c.string("valkey-server"),
                c.integer("generated-keys", 1, 10_000_000));
        c.rejectUnknown();
        return e;
    }
}
