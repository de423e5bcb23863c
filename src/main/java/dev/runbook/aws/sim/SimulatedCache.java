package dev.runbook.aws.sim;

import dev.runbook.action.dataplane.CacheClient;
import dev.runbook.action.dataplane.CacheConnector;
import dev.runbook.action.dataplane.CacheException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The rehearsal's cache endpoint: a small keyspace of every data type that survives the engine change, an
 * {@code INFO server} that reads like Redis 7.0 before and like Valkey 8.0 after (its {@code redis_version:7.2.4}
 * first), and no answer while the simulated group is unavailable. What the engine is, and whether it answers,
 * comes from the simulation through {@code engine}.
 */
public final class SimulatedCache implements CacheConnector {
    /** What the simulated endpoint runs now; {@code null} from the supplier = not answering. */
    public record Engine(String name, String version, Duration pingDelay) {
        public Engine(String name, String version) {
            this(name, version, Duration.ZERO);
        }
    }

    private final Supplier<Engine> engine;
    private final double timeScale;
    private final Map<Integer, Map<String, Object>> dbs = new TreeMap<>();

    public SimulatedCache(Supplier<Engine> engine, double timeScale) {
        this.engine = engine;
        this.timeScale = timeScale;
        seed();
    }

    @Override
    public String describe() {
        return "simulated endpoint (rehearsal; rehearse --real-engines runs real ones)";
    }

    @Override
    public double timeScale() {
        return timeScale;
    }

    @Override
    public CacheClient open(Duration timeout) {
        live();
        return new Client();
    }

    private Engine live() {
        Engine e = engine.get();
        if (e == null) {
            throw new CacheException("Cannot reach the simulated endpoint: the group is not answering during its change.");
        }
        return e;
    }

    private void seed() {
        Map<String, Object> db0 = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            db0.put("session:" + i, "user-" + (i * 7919 % 1000));
        }
        db0.put("movie:1", new LinkedHashMap<>(Map.of("title", "Popcorn", "year", "2024")));
        db0.put("queue:jobs", new ArrayList<>(List.of("a", "b", "c")));
        db0.put("tags", new LinkedHashSet<>(Set.of("drama", "comedy")));
        db0.put("ranking", new TreeMap<>(Map.of("m1", 9.5, "m2", 8.1)));
        db0.put("events", new ArrayList<>(List.of(new CacheClient.StreamRecord("1700000000000-0", Map.of("type", "view")))));
        dbs.put(0, db0);
    }

    static String infoServer(Engine e) {
        if ("valkey".equals(e.name())) {
            return "# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:" + e.version()
                    + "\r\nserver_mode:standalone\r\nos:Amazon ElastiCache\r\n";
        }
        return "# Server\r\nredis_version:" + e.version() + "\r\nredis_mode:standalone\r\nos:Amazon ElastiCache\r\n";
    }

    /** One connection; it fails whenever the endpoint stops answering. */
    private final class Client implements CacheClient {
        private int db;

        private Map<String, Object> data() {
            live();
            return dbs.getOrDefault(db, Map.of());
        }

        @Override
        public void ping() {
            Duration late = live().pingDelay();
            if (!late.isZero()) {
                try {
                    Thread.sleep(late.toMillis());   // the drill's slow answer, as the wire would be slow
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CacheException("interrupted while waiting for the simulated endpoint's answer");
                }
            }
        }

        /**
         * Two application connections and this one, as Valkey 8.0.1's CLIENT LIST prints them (fields measured on
         * valkey-server 8.0.1; it has no field saying whether a connection uses TLS).
         */
        @Override
        public String clientList() {
            live();
            String tail = " fd=9 age=3600 idle=1 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=0"
                    + " argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=1920 events=r cmd=get"
                    + " user=default redir=-1 resp=2";
            return "id=11 addr=10.0.1.21:51234 laddr=10.0.0.5:6379 name=popcorn-api" + tail
                    + " lib-name=lettuce lib-ver=6.3.2 tot-net-in=0 tot-net-out=0 tot-cmds=0\n"
                    + "id=12 addr=10.0.2.37:40112 laddr=10.0.0.5:6379 name=" + tail
                    + " lib-name= lib-ver= tot-net-in=0 tot-net-out=0 tot-cmds=0\n"
                    + "id=13 addr=10.0.9.9:38000 laddr=10.0.0.5:6379 name=" + tail.replace("cmd=get", "cmd=client|list")
                    + " lib-name= lib-ver= tot-net-in=0 tot-net-out=0 tot-cmds=0\n";
        }

        @Override
        public String info(String section) {
            Engine e = live();
            if ("keyspace".equals(section)) {
                StringBuilder sb = new StringBuilder("# Keyspace\r\n");
                dbs.forEach((n, m) -> sb.append("db").append(n).append(":keys=").append(m.size())
                        .append(",expires=0,avg_ttl=0\r\n"));
                return sb.toString();
            }
            return infoServer(e);
        }

        @Override
        public void select(int index) {
            live();
            db = index;
        }

        @Override
        public ScanPage scan(String cursor, int count) {
            return new ScanPage("0", List.copyOf(data().keySet()));
        }

        @Override
        public String type(String key) {
            Object v = data().get(key);
            if (v == null) {
                return "none";
            }
            if (v instanceof String) {
                return "string";
            }
            if (v instanceof Map) {
                return v instanceof TreeMap ? "zset" : "hash";
            }
            if (v instanceof Set) {
                return "set";
            }
            return key.equals("events") ? "stream" : "list";
        }

        @Override
        public long pttl(String key) {
            return data().containsKey(key) ? -1 : -2;
        }

        @Override
        public String get(String key) {
            return (String) data().get(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, String> hash(String key) {
            return Map.copyOf((Map<String, String>) data().get(key));
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<String> list(String key) {
            return List.copyOf((List<String>) data().get(key));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Set<String> set(String key) {
            return Set.copyOf((Set<String>) data().get(key));
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<ScoredMember> sortedSet(String key) {
            List<ScoredMember> out = new ArrayList<>();
            ((Map<String, Double>) data().get(key)).forEach((m, s) -> out.add(new ScoredMember(m, s)));
            return out;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<StreamRecord> stream(String key) {
            return List.copyOf((List<StreamRecord>) data().get(key));
        }

        @Override
        public void close() {
        }
    }
}
