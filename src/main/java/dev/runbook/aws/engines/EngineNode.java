package dev.runbook.aws.engines;

import dev.runbook.action.RunFiles;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One real engine process behind one simulated node: a fixed loopback port and data dir (inside the run folder,
 * kept across engine changes: Valkey starts on the data Redis saved), and a pid file next to it so a later
 * rehearsal or resume can find it if this JVM dies. {@code dir} and {@code dbfilename} are on the command line
 * (Redis 7.0 refuses them in CONFIG SET); secrets (requirepass, masterauth) are in an owner-only config file,
 * never on the command line where other users could read them; with TLS the engine listens TLS-only on its port
 * ({@code --port 0 --tls-port N}) with the certificate paths in that file.
 */
final class EngineNode {
    static final Duration START_LIMIT = Duration.ofSeconds(30);
    static final Duration STOP_LIMIT = Duration.ofSeconds(20);
    static final String RDB = "dump.rdb";

    final String member;
    final int port;
    final Path dir;
    private final EngineSecrets secrets;
    private Process process;
    private EngineKind kind;
    private Optional<Integer> replicaOf = Optional.empty();

    EngineNode(String member, int port, Path dir, EngineSecrets secrets) {
        this.member = member;
        this.port = port;
        this.dir = dir;
        this.secrets = secrets;
    }

    Path pidFile() {
        return dir.resolveSibling(member + ".pid");
    }

    Path logFile() {
        return dir.resolve("engine.log");
    }

    synchronized boolean running() {
        return process != null && process.isAlive();
    }

    synchronized Optional<EngineKind> kind() {
        return running() ? Optional.ofNullable(kind) : Optional.empty();
    }

    synchronized Optional<Integer> replicaOf() {
        return replicaOf;
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /**
     * Starts {@code binary} on this node's port and data; waits until it answers PING with its data loaded.
     * Throws {@link EngineException} with the engine's own reason (its last log line) when it exits instead.
     */
    synchronized void start(EngineBinary binary, Optional<Integer> replicaOfPort) {
        try {
            RunFiles.createOwnerOnlyDirectories(dir);
            Path conf = secrets.writeConfig(dir.resolve("engine.conf"), replicaOfPort.isPresent());
            Files.deleteIfExists(logFile());
            Process p = new ProcessBuilder(command(binary, conf, replicaOfPort)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            RunFiles.write(pidFile(), p.pid() + "\n");
            this.process = p;
            this.kind = binary.kind();
            this.replicaOf = replicaOfPort;
            awaitAnswer(binary);
        } catch (IOException e) {
            throw new EngineException("Cannot start " + binary.describe() + " for " + member + ": " + e.getMessage(), e);
        }
    }

    /**
     * The engine's command line, which every local user can read in {@code /proc/PID/cmdline} before the engine
     * rewrites its title: paths and ports only; the token and the TLS settings are in {@code conf}.
     */
    List<String> command(EngineBinary binary, Path conf, Optional<Integer> replicaOfPort) {
        List<String> cmd = new ArrayList<>(List.of(binary.path().toString(), conf.toString()));
        cmd.addAll(List.of(secrets.portFlags(port)));
        cmd.addAll(List.of("--bind", "127.0.0.1", "--dir", dir.toString(),
                "--dbfilename", RDB, "--logfile", logFile().toString(), "--save", "", "--appendonly", "no",
                // a replica's full sync starts at once instead of waiting 5 s for other replicas to join it
                "--repl-diskless-sync-delay", "0", "--daemonize", "no"));
        replicaOfPort.ifPresent(p -> cmd.addAll(List.of("--replicaof", "127.0.0.1", String.valueOf(p))));
        return cmd;
    }

    private void awaitAnswer(EngineBinary binary) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                cleanUp();
                throw new EngineException(binary.kind().binary() + " " + binary.version() + " exited while starting "
                        + member + ": " + reason());
            }
            if (answersPing()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                stop(false);
                throw new EngineException(binary.kind().binary() + " for " + member + " did not answer within "
                        + START_LIMIT.toSeconds() + " s: " + reason());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /**
     * PONG (not NOAUTH, nor LOADING: still loading) over a raw socket (TLS when the engine speaks it); true only for
     * an engine ready to serve.
     */
    private boolean answersPing() {
        try (Socket s = secrets.connect(port, 1000)) {
            secrets.writePing(s.getOutputStream());
            byte[] buf = new byte[256];
            int n = s.getInputStream().read(buf);
            String reply = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
            return reply.contains("PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The engine's own reason for giving up: the last warning line of its log that says what went wrong
     * ("Can't handle RDB format version 11"), not its closing "Fatal error loading the DB ... Exiting."
     */
    String reason() {
        try {
            List<String> lines = Files.exists(logFile()) ? Files.readAllLines(logFile()) : List.of();
            String fallback = lines.isEmpty() ? "no log in " + logFile() : lines.get(lines.size() - 1);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (!line.contains(" # ")) {
                    continue;
                }
                String text = line.substring(line.indexOf(" # ") + 3).strip();
                if (text.startsWith("Fatal error loading") || text.startsWith("Internal error in RDB")
                        || text.startsWith("Terminating")) {
                    fallback = text;
                } else if (!text.startsWith("WARNING") && !text.startsWith("Server initialized")) {
                    return text;
                }
            }
            return fallback;
        } catch (IOException e) {
            return "its log " + logFile() + " is unreadable";
        }
    }

    /** Stops the process, saving its data first when {@code save}; a no-op when it is not running. */
    synchronized void stop(boolean save) {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            if (save) {
                EngineCommands.shutdownSave(port, secrets);
            }
            process.destroy();
            try {
                if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        cleanUp();
    }

    private void cleanUp() {
        process = null;
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // the pid file names a process that is gone; a later rehearsal finds nothing alive behind it
        }
    }
}
