package dev.runbook.action.dataplane;

import dev.runbook.action.PreviewContext;

import dev.runbook.action.ActionContext;
import dev.runbook.config.Environment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Opens real connections with Jedis: TLS when the endpoint needs it (trusting the CA file the settings name,
 * else the JVM's default trust store; see {@link TlsSockets}), AUTH with the token read from the environment
 * variable or file the settings name. The token goes only to Jedis, which sends it in the AUTH command: no
 * child process ever gets it. {@link #forRun} finds the run's endpoint: the settings' {@code data-plane.host}
 * if set, else the {@code primary-endpoint} fact an earlier step recorded.
 */
public final class JedisConnector implements CacheConnector {
    private final Endpoint endpoint;
    private final Optional<String> token;
    private final String tokenSource;
    private final Optional<Path> caFile;
    private final String caSetting;
    private final double timeScale;
    private SSLSocketFactory sockets;

    public JedisConnector(Endpoint endpoint, Optional<String> token, String tokenSource) {
        this(endpoint, token, tokenSource, Optional.empty(), "data-plane.ca-file", 1.0);
    }

    /**
     * With the PEM file of CA certificates to trust for TLS ({@code caSetting} names where it was set, for
     * messages: "data-plane.ca-file", "--ca-file"); empty = the JVM's default trust store.
     */
    public JedisConnector(Endpoint endpoint, Optional<String> token, String tokenSource, Optional<Path> caFile,
                          String caSetting) {
        this(endpoint, token, tokenSource, caFile, caSetting, 1.0);
    }

    /**
     * A real engine whose outages a rehearsal's timeline holds for virtual minutes ({@code rehearse --real-engines}):
     * the downtime probe scales what it measures on the wire by {@code timeScale}, the rehearsal's speed.
     */
    public JedisConnector(Endpoint endpoint, Optional<String> token, String tokenSource, double timeScale) {
        this(endpoint, token, tokenSource, Optional.empty(), "data-plane.ca-file", timeScale);
    }

    /**
     * Both: a real engine on a rehearsal's timeline whose TLS certificate is signed by {@code caFile} (a rehearsal
     * on real engines with {@code data-plane.tls} on trusts the throwaway CA it made).
     */
    public JedisConnector(Endpoint endpoint, Optional<String> token, String tokenSource, Optional<Path> caFile,
                          String caSetting, double timeScale) {
        this.endpoint = endpoint;
        this.token = token;
        this.tokenSource = tokenSource;
        this.caFile = caFile;
        this.caSetting = caSetting;
        this.timeScale = timeScale;
    }

    @Override
    public double timeScale() {
        return timeScale;
    }

    /** The connector for the run's endpoint; throws {@link CacheException} when none is known or the token is missing. */
    public static JedisConnector forRun(ActionContext ctx) {
        Environment.DataPlane dp = ctx.environment().dataPlane();
        Endpoint endpoint = endpoint(ctx);
        Optional<String> token = AuthToken.read(dp.authTokenEnv(), dp.authTokenFile(), System.getenv());
        Optional<Path> ca = dp.caFile().isBlank() ? Optional.empty() : Optional.of(Path.of(dp.caFile()));
        return new JedisConnector(endpoint, token, AuthToken.source(dp.authTokenEnv(), dp.authTokenFile()), ca,
                "data-plane.ca-file");
    }

    /** data-plane.host:port if the host is set, else the primary-endpoint fact; TLS as the settings say. */
    public static Endpoint endpoint(PreviewContext ctx) {
        Environment.DataPlane dp = ctx.environment().dataPlane();
        if (!dp.host().isBlank()) {
            return new Endpoint(dp.host(), dp.port(), dp.tls());
        }
        String fact = ctx.fact("primary-endpoint").orElseThrow(() -> new CacheException(
                "No cache endpoint is known: set data-plane.host for " + ctx.environment().name()
                        + " in application.conf, or run the describe-group step first (it records the primary endpoint)."));
        try {
            return Endpoint.parse(fact, dp.tls(), "primary-endpoint");
        } catch (RuntimeException e) {
            throw new CacheException("The recorded primary endpoint '" + fact + "' is not HOST:PORT: set data-plane.host.", e);
        }
    }

    /** How previews name the endpoint before anything ran: the host, or "the primary endpoint". */
    public static String previewEndpoint(PreviewContext ctx) {
        Environment.DataPlane dp = ctx.environment().dataPlane();
        String where = dp.host().isBlank() ? "<primary endpoint>:" + dp.port() : dp.host() + ":" + dp.port();
        String auth = AuthToken.source(dp.authTokenEnv(), dp.authTokenFile());
        String tls = !dp.tls() ? "" : dp.caFile().isBlank() ? "TLS, default trust store, " : "TLS, CA " + dp.caFile() + ", ";
        return where + " (" + tls + ("none".equals(auth) ? "no auth" : "auth from " + auth) + ")";
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public String describe() {
        return endpoint + (token.isPresent() ? ", auth from " + tokenSource : "");
    }

    @Override
    public CacheClient open(Duration timeout) {
        return new JedisCacheClient(connect(timeout), endpoint.toString());
    }

    /**
     * One TLS context per connector, made on first use: the CA file is read once, not on each of the downtime probe's
     * reconnects, and reconnects can resume the TLS session.
     */
    private synchronized SSLSocketFactory tlsSockets() {
        if (sockets == null) {
            sockets = TlsSockets.factory(caFile, caSetting);
        }
        return sockets;
    }

    /**
     * A connected, authenticated Jedis: the TCP connect, the TLS handshake and every reply are each bounded
     * by {@code timeout}. For the benchmark's load generator, which needs commands {@link CacheClient} leaves out.
     */
    Jedis connect(Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .ssl(endpoint.tls())
                // No CLIENT SETINFO on connect: one round trip less per reconnect of the downtime probe.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (endpoint.tls()) {
            config.sslSocketFactory(tlsSockets());
        }
        token.ifPresent(config::password);
        try {
            return new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), config.build());
        } catch (JedisException e) {
            throw JedisCacheClient.translate(e, endpoint.toString(), endpoint.tls());
        }
    }
}
