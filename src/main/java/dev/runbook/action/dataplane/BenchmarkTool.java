package dev.runbook.action.dataplane;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code valkey-benchmark} or {@code redis-benchmark} on PATH and builds its command line with the
 * guide's parameters. The auth token never goes on the command line (other users can read it from the
 * process list): the tool reads it from {@code REDISCLI_AUTH} in its environment.
 */
public final class BenchmarkTool {
    static final List<String> NAMES = List.of("valkey-benchmark", "redis-benchmark");
    public static final String AUTH_VARIABLE = "REDISCLI_AUTH";
    public static final String HOW_TO_INSTALL = "apt-get install redis-tools";

    private BenchmarkTool() {
    }

    /** The first of valkey-benchmark, redis-benchmark found executable on {@code path} (a PATH value). */
    public static Optional<Path> locate(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path candidate = Path.of(dir, name);
                    if (Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@code TOOL -h HOST -p PORT -n N -c C [-t TESTS] --csv [--tls]}. */
    public static List<String> command(String tool, Endpoint endpoint, int requests, int clients, List<String> tests) {
        List<String> cmd = new ArrayList<>(List.of(tool, "-h", endpoint.host(), "-p", String.valueOf(endpoint.port()),
                "-n", String.valueOf(requests), "-c", String.valueOf(clients)));
        if (!tests.isEmpty()) {
            cmd.add("-t");
            cmd.add(String.join(",", tests));
        }
        cmd.add("--csv");
        if (endpoint.tls()) {
            cmd.add("--tls");
        }
        return cmd;
    }
}
