package dev.runbook.aws.engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Engine processes a killed rehearsal left behind, found by the pid files beside their data dirs. A process is
 * stopped only when the rehearsal that started it is gone (its {@code owner.pid} names no live process) and the
 * pid still belongs to a redis-server or valkey-server (a pid the system reused for something else is left alone).
 */
public final class Strays {
    static final Duration LIMIT = Duration.ofSeconds(20);

    private Strays() {
    }

    /** Stops the strays of every dead rehearsal under {@code runsRoot}; returns one line for each one stopped. */
    public static List<String> stopAll(Path runsRoot) {
        List<String> stopped = new ArrayList<>();
        if (!Files.isDirectory(runsRoot)) {
            return stopped;
        }
        try (Stream<Path> runs = Files.list(runsRoot)) {
            for (Path engines : runs.map(r -> r.resolve("engines")).filter(Files::isDirectory).toList()) {
                if (ownerAlive(engines)) {
                    continue;
                }
                for (Path pidFile : pidFiles(engines)) {
                    engine(pidFile).ifPresent(p -> {
                        stop(p);
                        stopped.add("stopped stray engine pid " + p.pid() + " of run " + engines.getParent()
                                .getFileName() + " (" + pidFile.getFileName().toString().replace(".pid", "") + ")");
                    });
                    deleteQuietly(pidFile);
                }
            }
        } catch (IOException e) {
            stopped.add("could not look for stray engines under " + runsRoot + ": " + e.getMessage());
        }
        return stopped;
    }

    /**
     * A resumed run's own engines that outlived its JVM: each is asked to SHUTDOWN SAVE (so its data dir holds
     * what it had), then stopped by pid if it is still there.
     */
    static void stopOwnRun(Path engines, EngineState state, EngineSecrets secrets) {
        for (Path pidFile : pidFiles(engines)) {
            String member = pidFile.getFileName().toString().replace(".pid", "");
            engine(pidFile).ifPresent(p -> {
                state.groups().values().stream().map(g -> g.nodes().get(member)).filter(n -> n != null).findFirst()
                        .ifPresent(n -> EngineCommands.shutdownSave(n.port(), secrets));
                stop(p);
            });
            deleteQuietly(pidFile);
        }
    }

    private static boolean ownerAlive(Path engines) {
        return pid(engines.resolve(RealEngines.OWNER)).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive)
                .orElse(false);
    }

    private static List<Path> pidFiles(Path engines) {
        try (Stream<Path> files = Files.list(engines)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid")
                    && !f.getFileName().toString().equals(RealEngines.OWNER)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The live engine process a pid file names, if it still is one. */
    private static Optional<ProcessHandle> engine(Path pidFile) {
        return pid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(Strays::isEngine);
    }

    /**
     * A redis or valkey process: Debian's redis-server is a link to redis-check-rdb (so the executable's name is
     * that), and a running engine shows "redis-server 127.0.0.1:PORT" as its command line.
     */
    private static boolean isEngine(ProcessHandle p) {
        String exe = p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("");
        String line = p.info().commandLine().orElse("");
        return exe.startsWith("redis-") || exe.startsWith("valkey-") || line.contains("redis-server")
                || line.contains("valkey-server");
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void stop(ProcessHandle p) {
        p.destroy();
        try {
            p.onExit().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a pid file that names nothing alive does no harm
        }
    }
}
