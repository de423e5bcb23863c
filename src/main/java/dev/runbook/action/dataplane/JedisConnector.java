package dev.runbook.action.dataplane;

import dev.runbook.action.ActionContext;
import dev.runbook.config.Environment;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Opens real connections with Jedis: TLS when the endpoint needs it, AUTH with the token read from the
 * environment variable or file the settings name. {@link #forRun} finds the run's endpoint: the settings'
 * {@code data-plane.host} if set, else the {@code primary-endpoint} fact an earlier step recorded.
 */
public final class JedisConnector implements CacheConnector {
    private final Endpoint endpoint;
    private final Optional<String> token;
    private final String tokenSource;

    public JedisConnector(Endpoint endpoint, Optional<String> token, String tokenSource) {
        this.endpoint = endpoint;
        this.token = token;
        this.tokenSource = tokenSource;
    }

    /** The connector for the run's endpoint; throws {@link CacheException} when none is known or the token is missing. */
    public static JedisConnector forRun(ActionContext ctx) {
        Environment.DataPlane dp = ctx.environment().dataPlane();
        Endpoint endpoint = endpoint(ctx);
        Optional<String> token = AuthToken.read(dp.authTokenEnv(), dp.authTokenFile(), System.getenv());
        return new JedisConnector(endpoint, token, AuthToken.source(dp.authTokenEnv(), dp.authTokenFile()));
    }

    /** data-plane.host:port if the host is set, else the primary-endpoint fact; TLS as the settings say. */
    public static Endpoint endpoint(ActionContext ctx) {
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
    public static String previewEndpoint(ActionContext ctx) {
        Environment.DataPlane dp = ctx.environment().dataPlane();
        String where = dp.host().isBlank() ? "<primary endpoint>:" + dp.port() : dp.host() + ":" + dp.port();
        String auth = AuthToken.source(dp.authTokenEnv(), dp.authTokenFile());
        return where + " (" + (dp.tls() ? "TLS, " : "") + ("none".equals(auth) ? "no auth" : "auth from " + auth) + ")";
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The token for a child process (redis-benchmark reads REDISCLI_AUTH); empty without AUTH. */
    Optional<String> token() {
        return token;
    }

    @Override
    public String describe() {
        return endpoint + (token.isPresent() ? ", auth from " + tokenSource : "");
    }

    @Override
    public CacheClient open(Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .ssl(endpoint.tls())
                // No CLIENT SETINFO on connect: one round trip less per reconnect of the downtime probe.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        token.ifPresent(config::password);
        try {
            Jedis jedis = new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), config.build());
            return new JedisCacheClient(jedis, endpoint.toString());
        } catch (JedisException e) {
            throw JedisCacheClient.translate(e, endpoint.toString());
        }
    }
}
