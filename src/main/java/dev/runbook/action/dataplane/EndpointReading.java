package dev.runbook.action.dataplane;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one look at an endpoint found: its engine identity and the PING round trip (the median of a few
 * PINGs on one connection, so a single slow packet does not decide it). Shared by the endpoint-check step
 * and the {@code check-endpoint} command.
 */
public record EndpointReading(EngineIdentity identity, double pingMs) {
    static final int PINGS = 5;

    /** Connects, PINGs and reads {@code INFO server}; throws {@link CacheException} when that fails. */
    public static EndpointReading read(CacheConnector connector, Duration timeout) {
        try (CacheClient client = connector.open(timeout)) {
            client.ping();
            double[] rtt = new double[PINGS];
            for (int i = 0; i < PINGS; i++) {
                // Real time: this is the network's round trip, not a wait the virtual clock may compress.
                long start = System.nanoTime();
                client.ping();
                rtt[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(rtt);
            return new EndpointReading(EngineIdentity.parse(client.info("server")), rtt[PINGS / 2]);
        }
    }

    /** The round trip as shown and recorded: milliseconds with two decimals. */
    public String pingText() {
        return String.format(Locale.ROOT, "%.2f", pingMs);
    }
}
