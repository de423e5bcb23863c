package dev.runbook.action.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.Jedis;

/**
 * One test of the benchmark: a command sent again and again, as redis-benchmark's test of the same name
 * does, but every key under the benchmark's own prefix. Listed in the order they run (SET before GET, so
 * that with writes GET reads what SET wrote; LPUSH before LPOP). PING and GET do not write: they are the
 * tests a production cache gets unless the settings allow writes.
 */
public enum LoadTest {
    PING(false, "PING") {
        @Override
        void send(Jedis j, String prefix, int r) {
            j.ping();
        }
    },
    SET(true, "SET <p>key:<r> xxx") {
        @Override
        void send(Jedis j, String prefix, int r) {
            j.set(prefix + "key:" + r, VALUE);
        }
    },
    GET(false, "GET <p>key:<r>") {
        @Override
        void send(Jedis j, String prefix, int r) {
            j.get(prefix + "key:" + r);
        }
    },
    INCR(true, "INCR <p>counter:<r>") {
        @Override
        void send(Jedis j, String prefix, int r) {
            j.incr(prefix + "counter:" + r);
        }
    },
    LPUSH(true, "LPUSH <p>list xxx") {
        @Override
        void send(Jedis j, String prefix, int r) {
            j.lpush(prefix + "list", VALUE);
        }
    },
    LPOP(true, "LPOP <p>list") {
        @Override
        void send(Jedis j, String prefix, int r) {
            j.lpop(prefix + "list");
        }
    },
    SADD(true, "SADD <p>set member:<r>") {
        @Override
        void send(Jedis j, String prefix, int r) {
            j.sadd(prefix + "set", "member:" + r);
        }
    },
    HSET(true, "HSET <p>hash field:<r> xxx") {
        @Override
        void send(Jedis j, String prefix, int r) {
            j.hset(prefix + "hash", "field:" + r, VALUE);
        }
    },
    ZADD(true, "ZADD <p>zset <r> member:<r>") {
        @Override
        void send(Jedis j, String prefix, int r) {
            j.zadd(prefix + "zset", r, "member:" + r);
        }
    };

    /** redis-benchmark's default value: 3 bytes. */
    static final String VALUE = "xxx";

    private final boolean writes;
    private final String command;

    LoadTest(boolean writes, String command) {
        this.writes = writes;
        this.command = command;
    }

    /** Sends the command once; {@code r} is a random number below the keyspace. */
    abstract void send(Jedis jedis, String prefix, int r);

    public boolean writes() {
        return writes;
    }

    /** The command as the preview shows it, e.g. "SET runbook-benchmark:key:<0..9999> xxx". */
    public String command(String prefix, int keyspace) {
        return command.replace("<p>", prefix).replace("<r>", "<0.." + (keyspace - 1) + ">");
    }

    /** The runbook's name of the test: "set". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every key a write test may have created, for the clean-up: exactly these, nothing found by pattern. */
    static List<String> keysWritten(String prefix, int keyspace) {
        List<String> keys = new ArrayList<>(2 * keyspace + 4);
        for (int r = 0; r < keyspace; r++) {
            keys.add(prefix + "key:" + r);
            keys.add(prefix + "counter:" + r);
        }
        keys.addAll(List.of(prefix + "list", prefix + "set", prefix + "hash", prefix + "zset"));
        return keys;
    }
}
