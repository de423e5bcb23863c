package dev.runbook.cli;

import dev.runbook.ExitCodes;
import dev.runbook.config.InvalidInputException;
import dev.runbook.action.dataplane.AuthToken;
import dev.runbook.action.dataplane.CacheException;
import dev.runbook.action.dataplane.Endpoint;
import dev.runbook.action.dataplane.EndpointReading;
import dev.runbook.action.dataplane.JedisConnector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code check-endpoint HOST:PORT [--tls [--ca-file FILE]] [--auth-token-env VAR]}: PINGs an endpoint and prints
 * its engine, version, mode and round trip, by the same rule as the runbook's endpoint-check step. Needs no
 * settings. The connect, the TLS handshake and each reply are bounded by {@link #TIMEOUT}.
 */
@Command(name = "check-endpoint", description = "PING a Redis/Valkey endpoint and print its engine, version, "
        + "mode and PING round trip (Valkey is told from Redis by INFO server's valkey_version line).")
public final class CheckEndpointCommand implements Callable<Integer> {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = FlagConverters.HostPort.class,
            description = "The endpoint, e.g. my-cache.abc123.use1.cache.amazonaws.com:6379.")
    Endpoint address;

    @Option(names = "--tls", description = "Connect with TLS (in-transit encryption on).")
    boolean tls;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM file of the CA certificates to trust for "
            + "--tls (default: the JVM's default trust store).")
    Path caFile;

    @Option(names = "--auth-token-env", paramLabel = "VAR", description = "Environment variable holding the AUTH token.")
    String authTokenEnv;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        Endpoint endpoint = new Endpoint(address.host(), address.port(), tls);
        Optional<String> token;
        try {
            token = AuthToken.read(authTokenEnv, null, environment);
        } catch (CacheException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (caFile != null && (!tls || !Files.isReadable(caFile) || Files.isDirectory(caFile))) {
            throw new InvalidInputException("--ca-file: " + (!tls ? "only goes with --tls"
                    : "cannot read " + caFile + " (a PEM file of CA certificates)"));
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            EndpointReading r = EndpointReading.read(new JedisConnector(endpoint, token,
                    AuthToken.source(authTokenEnv, null), Optional.ofNullable(caFile), "--ca-file"), TIMEOUT);
            out.printf("endpoint  %s%n", endpoint);
            out.printf("engine    %s%n", r.identity().engine());
            out.printf("version   %s%n", r.identity().version());
            out.printf("mode      %s%n", r.identity().mode());
            out.printf("latency   %s ms (PING round trip, median of 5)%n", r.pingText());
            out.flush();
            return ExitCodes.OK;
        } catch (CacheException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.STEP_FAILED;
        }
    }
}
