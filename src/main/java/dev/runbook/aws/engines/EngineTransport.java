package dev.runbook.aws.engines;

import dev.runbook.config.InvalidInputException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the rehearsal's engines talk to clients and to each other: plain TCP, or TLS only (as an ElastiCache group
 * with in-transit encryption) with a throwaway CA the rehearsal makes with {@code openssl} in the run folder. Chosen
 * from the environment's {@code data-plane.tls}, checked before anything starts: TLS without {@code openssl} on
 * PATH is one line saying how to install it.
 */
public final class EngineTransport {
    private static final EngineTransport PLAIN = new EngineTransport(Optional.empty());
    private final Optional<Path> openssl;

    private EngineTransport(Optional<Path> openssl) {
        this.openssl = openssl;
    }

    /** Plain TCP on loopback: the data plane's settings say no TLS. */
    public static EngineTransport plainTcp() {
        return PLAIN;
    }

    /** TLS only, with certificates made by the {@code openssl} at {@code openssl}. */
    public static EngineTransport tls(Path openssl) {
        return new EngineTransport(Optional.of(openssl));
    }

    /** TLS when {@code tls}, with the first {@code openssl} on {@code pathVariable}; none there is invalid input. */
    public static EngineTransport forDataPlane(boolean tls, String pathVariable) {
        if (!tls) {
            return PLAIN;
        }
        return tls(EngineBinary.onPath("openssl", pathVariable).orElseThrow(() -> new InvalidInputException(
                "--real-engines with data-plane.tls = true makes a throwaway CA with openssl, which is not on PATH:"
                        + " install it (apt-get install openssl)")));
    }

    public boolean isTls() {
        return openssl.isPresent();
    }

    Optional<Path> openssl() {
        return openssl;
    }
}
