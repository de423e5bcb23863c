package dev.runbook.action.dataplane;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * {@link CacheClient} over one Jedis connection. Every Jedis exception becomes a {@link CacheException} whose
 * message names the endpoint and what to check; Jedis' own text (which never holds the token) is kept as the
 * reason.
 */
final class JedisCacheClient implements CacheClient {
    private final Jedis jedis;
    private final String endpoint;

    JedisCacheClient(Jedis jedis, String endpoint) {
        this.jedis = jedis;
        this.endpoint = endpoint;
    }

    /** The operator sentence for a failed call: unreachable, credentials refused, or an error reply. */
    static CacheException translate(JedisException e, String endpoint) {
        return translate(e, endpoint, false);
    }

    /**
     * As {@link #translate(JedisException, String)}; {@code tlsConnect} = it failed while a TLS connection was
     * made, where a read timeout or an answer that is not TLS means the handshake never completed.
     */
    static CacheException translate(JedisException e, String endpoint, boolean tlsConnect) {
        String reason = reason(e);
        if (has(e, CertificateException.class)) {
            return new CacheException(endpoint + ": certificate not trusted (" + reason + "): name the CA that signed it "
                    + "(check-endpoint --ca-file FILE, data-plane.ca-file in the settings), or check that this is the "
                    + "cache you meant.", e);
        }
        if (tlsConnect && (has(e, SSLException.class)
                || has(e, SocketTimeoutException.class) && !reason.toLowerCase(Locale.ROOT).contains("connect"))) {
            return new CacheException(endpoint + " did not complete a TLS handshake (" + reason + "): that port does "
                    + "not seem to speak TLS; without in-transit encryption leave out --tls (data-plane.tls = false).", e);
        }
        if (e instanceof JedisAccessControlException) {
            return new CacheException(endpoint + " refused the credentials (" + reason
                    + "): check the auth token the settings name.", e);
        }
        if (e instanceof JedisConnectionException) {
            return new CacheException("Cannot reach " + endpoint + " (" + reason
                    + "): check the host, port, TLS setting and that this machine can reach the cache's VPC.", e);
        }
        return new CacheException(endpoint + " answered with an error: " + reason, e);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The most specific reason: the socket's own error ("Connection refused", "connect timed out") when there
     * is one; Jedis keeps it as the cause or, for each address it tried, as a suppressed exception.
     */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        for (Throwable s : root.getSuppressed()) {
            if (s instanceof IOException && s.getMessage() != null) {
                return s.getMessage();
            }
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw translate(e, endpoint);
        }
    }

    @Override
    public void ping() {
        call(jedis::ping);
    }

    @Override
    public String info(String section) {
        return call(() -> jedis.info(section));
    }

    @Override
    public String clientList() {
        return call(jedis::clientList);
    }

    @Override
    public void select(int db) {
        call(() -> jedis.select(db));
    }

    @Override
    public ScanPage scan(String cursor, int count) {
        var result = call(() -> jedis.scan(cursor, new ScanParams().count(count)));
        return new ScanPage(result.getCursor(), result.getResult());
    }

    @Override
    public String type(String key) {
        return call(() -> jedis.type(key));
    }

    @Override
    public long pttl(String key) {
        return call(() -> jedis.pttl(key));
    }

    @Override
    public String get(String key) {
        return call(() -> jedis.get(key));
    }

    @Override
    public Map<String, String> hash(String key) {
        return call(() -> jedis.hgetAll(key));
    }

    @Override
    public List<String> list(String key) {
        return call(() -> jedis.lrange(key, 0, -1));
    }

    @Override
    public Set<String> set(String key) {
        return call(() -> jedis.smembers(key));
    }

    @Override
    public List<ScoredMember> sortedSet(String key) {
        return call(() -> jedis.zrangeWithScores(key, 0, -1)).stream()
                .map(t -> new ScoredMember(t.getElement(), t.getScore())).toList();
    }

    @Override
    public List<StreamRecord> stream(String key) {
        return call(() -> jedis.xrange(key, "-", "+")).stream()
                .map(e -> new StreamRecord(e.getID().toString(), new LinkedHashMap<>(e.getFields()))).toList();
    }

    @Override
    public List<Reading> read(List<String> keys) {
        return call(() -> {
            Pipeline p = jedis.pipelined();
            List<Response<String>> types = new ArrayList<>();
            List<Response<Long>> ttls = new ArrayList<>();
            for (String key : keys) {
                types.add(p.type(key));
                ttls.add(p.pttl(key));
            }
            p.sync();
            List<Response<?>> values = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                values.add(switch (types.get(i).get()) {
                    case "string" -> p.get(key);
                    case "hash" -> p.hgetAll(key);
                    case "list" -> p.lrange(key, 0, -1);
                    case "set" -> p.smembers(key);
                    case "zset" -> p.zrangeWithScores(key, 0, -1);
                    case "stream" -> p.xrange(key, "-", "+");
                    default -> null;
                });
            }
            p.sync();
            List<Reading> out = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                String type = types.get(i).get();
                Object value = values.get(i) == null ? null : values.get(i).get();
                if ("none".equals(type)) {
                    out.add(new Reading(key, type, -2, null));
                } else if (value == null && !"string".equals(type)) {
                    throw ValueDigest.unreadable(key, type);
                } else {
                    out.add(new Reading(key, type, ttls.get(i).get(), ValueDigest.ofValue(key, type, value(type, value))));
                }
            }
            return out;
        });
    }

    /** Jedis' pipelined replies in the shapes {@link ValueDigest} reads (the same as the one-key calls return). */
    @SuppressWarnings("unchecked")
    private static Object value(String type, Object value) {
        return switch (type) {
            case "zset" -> ((List<Tuple>) value).stream()
                    .map(t -> new ScoredMember(t.getElement(), t.getScore())).toList();
            case "stream" -> ((List<StreamEntry>) value).stream()
                    .map(e -> new StreamRecord(e.getID().toString(), new LinkedHashMap<>(e.getFields()))).toList();
            default -> value;
        };
    }

    @Override
    public void close() {
        try {
            jedis.close();
        } catch (JedisException e) {
            // The connection is gone either way; nothing for the operator to do.
        }
    }
}
