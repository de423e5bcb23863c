package dev.runbook.action.dataplane;

import java.time.Duration;

/**
 * Opens connections to the run's cache endpoint. Actions look one up with
 * {@code ctx.service(CacheConnector.class)}; without one they use {@link JedisConnector#forRun}, which talks
 * to the real endpoint. A rehearsal backend provides a simulated endpoint through this interface.
 */
public interface CacheConnector {
    /** The endpoint for messages, e.g. "my-cache.abc.use1.cache.amazonaws.com:6379 (TLS)"; never the token. */
    String describe();

    /**
     * Seconds of the endpoint's time per real second: 1 for a real endpoint; a rehearsal's speed for a
     * simulated one, whose outages last virtual minutes but real seconds. The downtime probe scales by it.
     */
    default double timeScale() {
        return 1.0;
    }

    /** A new connection whose connect and every reply are bounded by {@code timeout}. */
    CacheClient open(Duration timeout);
}
