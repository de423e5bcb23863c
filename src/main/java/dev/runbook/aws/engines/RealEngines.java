package dev.runbook.aws.engines;

import dev.runbook.action.RunFiles;
import dev.runbook.action.dataplane.CacheConnector;
import dev.runbook.action.dataplane.Endpoint;
import dev.runbook.action.dataplane.GroupEndpoints;
import dev.runbook.action.dataplane.JedisConnector;
import dev.runbook.action.elasticache.SnapshotFiles;
import dev.runbook.aws.sim.NodeEngines;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * The real engine processes behind a rehearsal's simulated groups ({@code rehearse --real-engines}): one process
 * per simulated node in {@code runs/<run-id>/engines/<member>/}, one stable endpoint per group ({@link Forwarder}),
 * driven by the simulation's timeline through {@link NodeEngines}. A snapshot is the primary's RDB, kept in
 * {@code runs/<run-id>/snapshots/}. No process outlives the run: {@link #close} stops them all (the backend closes
 * it at the end, on abort and on quit), a JVM shutdown hook does the same, and what a SIGKILL leaves behind is
 * found by its pid file ({@link Strays}) or restarted by {@link #resume}.
 */
public final class RealEngines implements NodeEngines, SnapshotFiles, GroupEndpoints, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RealEngines.class);
    static final String OWNER = "owner.pid";

    /** What the "before" engine starts with: the operator's RDB, or a generated keyspace of this many keys. */
    public sealed interface Data permits Rdb, Generated {
    }

    public record Rdb(Path file) implements Data {
    }

    public record Generated(int keys) implements Data {
    }

    private static final class GroupEngines {
        final Map<String, EngineNode> nodes = new LinkedHashMap<>();
        volatile String primary;
        Forwarder endpoint;

        int primaryPort() {
            EngineNode p = primary == null ? null : nodes.get(primary);
            return p != null && p.running() ? p.port : -1;
        }
    }

    private final Path dir;
    private final Path snapshotDir;
    private final Map<EngineKind, EngineBinary> binaries;
    private final EngineSecrets secrets;
    private final String tokenSource;
    private final Map<String, GroupEngines> groups = new LinkedHashMap<>();
    private final Map<String, SnapshotFile> snapshots = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Thread hook = new Thread(this::close, "engines-shutdown");
    private boolean closed;

    private RealEngines(Path runDir, Map<EngineKind, EngineBinary> binaries, EngineSecrets secrets, String tokenSource)
            throws IOException {
        this.dir = enginesDir(runDir);
        this.snapshotDir = runDir.toAbsolutePath().resolve("snapshots");
        this.binaries = Map.copyOf(binaries);
        this.secrets = secrets;
        this.tokenSource = tokenSource;
        binaries.values().forEach(b -> b.warning().ifPresent(warnings::add));
        RunFiles.write(dir.resolve(OWNER), ProcessHandle.current().pid() + "\n");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts the group's primary on Redis 7.0 with {@code data}. An RDB the engine cannot load: the engine's own
     * reason in an {@link EngineException}, with nothing left running.
     */
    public static RealEngines start(Path runDir, Map<EngineKind, EngineBinary> binaries, Optional<String> token,
                                    String tokenSource, String group, String primary, Data data) {
        return start(runDir, binaries, token, tokenSource, EngineTransport.plainTcp(), group, primary, data);
    }

    /**
     * As above, the engines speaking {@code transport}: with TLS they listen TLS-only with a throwaway CA made in
     * {@code runs/<run-id>/engines/tls/}, replicate over TLS, and every client of the rehearsal trusts that CA.
     */
    public static RealEngines start(Path runDir, Map<EngineKind, EngineBinary> binaries, Optional<String> token,
                                    String tokenSource, EngineTransport transport, String group, String primary,
                                    Data data) {
        RealEngines engines = open(runDir, binaries, secrets(runDir, token, transport), tokenSource);
        try {
            GroupEngines g = engines.group(group, 0);
            EngineNode node = engines.node(g, primary, 0);
            g.primary = primary;
            if (data instanceof Rdb rdb) {
                RunFiles.createOwnerOnlyDirectories(node.dir);
                Files.copy(rdb.file(), node.dir.resolve(EngineNode.RDB), StandardCopyOption.REPLACE_EXISTING);
                RunFiles.restrict(node.dir.resolve(EngineNode.RDB));
                node.start(engines.binary(EngineKind.REDIS), Optional.empty());
            } else if (data instanceof Generated generated) {
                node.start(engines.binary(EngineKind.REDIS), Optional.empty());
                try (Jedis j = EngineCommands.connect(node.port, engines.secrets)) {
                    GeneratedKeyspace.write(j, generated.keys());
                    j.save();
                }
            }
            engines.saveState();
            return engines;
        } catch (IOException | RuntimeException e) {
            throw stopAll(engines, "Cannot prepare the rehearsal's engines", e);
        }
    }

    /**
     * Brings back the engines of a rehearsal whose JVM died: stops what is still running from its pid files
     * (saving its data first), then starts every node of {@code engines.json} on its port and data, running
     * the engine {@code engineOf} says each group runs now (the resumed simulation's view).
     */
    public static RealEngines resume(Path runDir, Map<EngineKind, EngineBinary> binaries, Optional<String> token,
                                     String tokenSource, Function<String, String> engineOf) {
        return resume(runDir, binaries, token, tokenSource, EngineTransport.plainTcp(), engineOf);
    }

    /** As above, on {@code transport}: a TLS run's engines come back with the certificates its start made. */
    public static RealEngines resume(Path runDir, Map<EngineKind, EngineBinary> binaries, Optional<String> token,
                                     String tokenSource, EngineTransport transport, Function<String, String> engineOf) {
        EngineState state;
        try {
            state = EngineState.load(runDir.resolve("engines"));
        } catch (IOException e) {
            throw new EngineException("Cannot read " + runDir.resolve("engines").resolve(EngineState.FILE)
                    + " (" + e.getMessage() + "): the run's engines cannot be restarted", e);
        }
        EngineSecrets secrets = secrets(runDir, token, transport);
        Strays.stopOwnRun(runDir.resolve("engines"), state, secrets);
        RealEngines engines = open(runDir, binaries, secrets, tokenSource);
        try {
            engines.loadSnapshots();
            state.groups().forEach((id, gs) -> {
                GroupEngines g = engines.group(id, gs.endpointPort());
                g.primary = gs.primary();
                gs.nodes().forEach((member, ns) -> engines.node(g, member, ns.port()));
            });
            state.groups().forEach((id, gs) -> {
                EngineKind kind = EngineKind.of(engineOf.apply(id));
                GroupEngines g = engines.groups.get(id);
                g.nodes.get(gs.primary()).start(engines.binary(kind), Optional.empty());
                gs.nodes().forEach((member, ns) -> {
                    if (!member.equals(gs.primary())) {
                        g.nodes.get(member).start(engines.binary(kind), Optional.of(g.nodes.get(gs.primary()).port));
                    }
                });
            });
            engines.saveState();
            return engines;
        } catch (IOException | RuntimeException e) {
            throw stopAll(engines, "Cannot restart the run's engines", e);
        }
    }

    /** A start that failed half-way stops what it started; the cause keeps its own sentence when it has one. */
    private static EngineException stopAll(RealEngines engines, String what, Exception e) {
        engines.close();
        return e instanceof EngineException ee ? ee : new EngineException(what + ": " + e.getMessage(), e);
    }

    private static RealEngines open(Path runDir, Map<EngineKind, EngineBinary> binaries, EngineSecrets secrets,
                                    String tokenSource) {
        try {
            return new RealEngines(runDir, binaries, secrets, tokenSource);
        } catch (IOException e) {
            throw new EngineException("Cannot create " + runDir.resolve("engines") + ": " + e.getMessage(), e);
        }
    }

    /** Absolute: an engine chdirs into its data dir before it opens its log (runs-dir may be relative). */
    private static Path enginesDir(Path runDir) throws IOException {
        return RunFiles.createOwnerOnlyDirectories(runDir.toAbsolutePath().resolve("engines"));
    }

    /** The token, and with TLS the run's certificates (made on the first start, reused on a resume). */
    private static EngineSecrets secrets(Path runDir, Optional<String> token, EngineTransport transport) {
        try {
            Path dir = enginesDir(runDir);
            return new EngineSecrets(token, transport.openssl().map(openssl -> EngineTls.prepare(dir, openssl)));
        } catch (IOException e) {
            throw new EngineException("Cannot create " + runDir.resolve("engines") + ": " + e.getMessage(), e);
        }
    }

    private EngineBinary binary(EngineKind kind) {
        EngineBinary b = binaries.get(kind);
        if (b == null) {
            throw new EngineException("No " + kind.binary() + " was checked for this rehearsal");
        }
        return b;
    }

    private synchronized GroupEngines group(String id, int port) {
        return groups.computeIfAbsent(id, k -> {
            GroupEngines g = new GroupEngines();
            try {
                g.endpoint = new Forwarder(k, port, g::primaryPort);
            } catch (IOException e) {
                try {
                    g.endpoint = new Forwarder(k, 0, g::primaryPort);
                    warnings.add(k + ": its endpoint moved to port " + g.endpoint.port() + " (" + port + " was taken)");
                } catch (IOException again) {
                    throw new EngineException("Cannot open an endpoint for " + k + ": " + again.getMessage(), again);
                }
            }
            return g;
        });
    }

    private synchronized EngineNode node(GroupEngines g, String member, int port) {
        return g.nodes.computeIfAbsent(member, m -> new EngineNode(m, port > 0 ? port : freePort(), dir.resolve(m),
                secrets));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new EngineException("No free local port for an engine: " + e.getMessage(), e);
        }
    }

    /** The address clients can use for {@code group} during the rehearsal, e.g. "127.0.0.1:40113". */
    public synchronized String address(String group) {
        GroupEngines g = groups.get(group);
        return g == null ? "none" : "127.0.0.1:" + g.endpoint.port();
    }

    /** A connector to {@code group}'s endpoint, with the rehearsal's token (outages scaled by {@code timeScale}). */
    public CacheConnector connector(String group, double timeScale) {
        Endpoint endpoint = new Endpoint("127.0.0.1", Integer.parseInt(address(group).substring(10)),
                secrets.tls().isPresent());
        return new JedisConnector(endpoint, secrets.token(), tokenSource, secrets.tls().map(EngineTls::caCert),
                "the rehearsal's CA file", timeScale);
    }

    /**
     * With TLS: the CA file clients must trust to reach the rehearsal's endpoint (the operator's application too);
     * empty on plain TCP.
     */
    public Optional<Path> caFile() {
        return secrets.tls().map(EngineTls::caCert);
    }

    /** How clients reached the engines, for the report: "TLS only (…), trusting the rehearsal's throwaway CA …". */
    public String transport() {
        return secrets.tls().map(t -> "TLS only (replication too, tls-replication yes); every client trusted "
                + t.describe() + ", not the JVM's trust store nor data-plane.ca-file").orElse("plain TCP on loopback");
    }

    /** A connector to {@code group}'s endpoint on real time. */
    public CacheConnector connector(String group) {
        return connector(group, 1.0);
    }

    @Override
    public synchronized Optional<CacheConnector> forGroup(String group) {
        return groups.containsKey(group) ? Optional.of(connector(group)) : Optional.empty();
    }

    /** "redis-server 7.0.15 (/usr/bin/redis-server), valkey-server 8.0.1 (...)". */
    public String describe() {
        return String.join(", ", binaries.values().stream().sorted((a, b) -> a.kind().compareTo(b.kind()))
                .map(EngineBinary::describe).toList());
    }

    /** Things the report should say about the engines: another Valkey 8.x, an engine that refused to start. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public synchronized Optional<SnapshotFile> file(String snapshotName) {
        return Optional.ofNullable(snapshots.get(snapshotName));
    }

    // ---- the simulation's timeline --------------------------------------------------------------------------

    @Override
    public synchronized void snapshot(String group, String primary, String snapshot) {
        act(group + ": snapshot " + snapshot, () -> {
            EngineNode node = groups.get(group).nodes.get(primary);
            EngineCommands.save(node.port, secrets);
            RunFiles.createOwnerOnlyDirectories(snapshotDir);
            Path file = snapshotDir.resolve(snapshot + ".rdb");
            Files.copy(node.dir.resolve(EngineNode.RDB), file, StandardCopyOption.REPLACE_EXISTING);
            RunFiles.restrict(file);
            snapshots.put(snapshot, new SnapshotFile(file, Files.size(file), sha256(file)));
            LOG.info("{}: snapshot {} saved from {} as {} ({} bytes)", group, snapshot, primary, file, Files.size(file));
        });
    }

    @Override
    public synchronized void down(String group, String member) {
        act(group + ": " + member + " down", () -> {
            GroupEngines g = groups.get(group);
            long t0 = System.nanoTime();
            g.nodes.get(member).stop(true);
            LOG.info("{}: {} stopped for its change in {} ms", group, member, (System.nanoTime() - t0) / 1_000_000);
            saveState();
        });
    }

    @Override
    public synchronized void up(String group, String member, String engine, Optional<String> replicaOf) {
        act(group + ": " + member + " up as " + engine, () -> {
            GroupEngines g = groups.get(group);
            EngineKind kind = EngineKind.of(engine);
            EngineNode node = node(g, member, 0);
            Optional<Integer> primaryPort = replicaOf.map(p -> g.nodes.get(p).port);
            if (node.kind().equals(Optional.of(kind)) && node.replicaOf().equals(primaryPort)) {
                return;
            }
            node.stop(true);
            long t0 = System.nanoTime();
            node.start(binary(kind), primaryPort);
            if (primaryPort.isPresent()) {
                EngineCommands.awaitInSync(node.port, secrets);
            }
            LOG.info("{}: {} runs {} on port {}{} (started and loaded in {} ms)", group, member, binary(kind).describe(),
                    node.port, primaryPort.map(p -> ", replica of port " + p).orElse(""),
                    (System.nanoTime() - t0) / 1_000_000);
            saveState();
        });
    }

    @Override
    public synchronized void failover(String group, String from, String to) {
        act(group + ": failover " + from + " → " + to, () -> {
            GroupEngines g = groups.get(group);
            EngineNode old = g.nodes.get(from);
            EngineNode next = g.nodes.get(to);
            if (old.running()) {
                EngineCommands.awaitCaughtUp(old.port, next.port, secrets);
            }
            EngineCommands.promote(next.port, secrets);
            g.primary = to;
            g.endpoint.dropAll();
            // the old primary is upgraded next: it stays down until its own restart on the target engine
            old.stop(false);
            LOG.info("{}: failover to {} (port {}); {} stopped for its upgrade", group, to, next.port, from);
            saveState();
        });
    }

    @Override
    public synchronized void restored(String group, String member, String engine, String snapshot) {
        act(group + ": restore " + snapshot, () -> {
            SnapshotFile file = snapshots.get(snapshot);
            if (file == null) {
                throw new EngineException("no RDB was kept for snapshot " + snapshot);
            }
            GroupEngines g = group(group, 0);
            EngineNode node = node(g, member, 0);
            g.primary = member;
            RunFiles.createOwnerOnlyDirectories(node.dir);
            Files.copy(file.path(), node.dir.resolve(EngineNode.RDB), StandardCopyOption.REPLACE_EXISTING);
            node.start(binary(EngineKind.of(engine)), Optional.empty());
            LOG.info("{}: {} restored from {} on {}", group, member, snapshot, binary(EngineKind.of(engine)).describe());
            saveState();
        });
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Runs one engine change; a failure is logged and reported, never thrown into the simulation's timeline. */
    private void act(String what, Step step) {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            LOG.warn("real engines: {} failed", what, e);
            warnings.add(what + " failed: " + e.getMessage());
        }
    }

    private synchronized void saveState() throws IOException {
        Map<String, EngineState.Group> gs = new LinkedHashMap<>();
        groups.forEach((id, g) -> {
            Map<String, EngineState.Node> nodes = new LinkedHashMap<>();
            g.nodes.forEach((m, n) -> nodes.put(m, new EngineState.Node(n.port,
                    n.kind().map(EngineKind::word).orElse(""), n.replicaOf().isPresent() && n.running()
                    ? g.nodes.values().stream().filter(o -> o.port == n.replicaOf().get()).map(o -> o.member)
                    .findFirst().orElse("") : "")));
            gs.put(id, new EngineState.Group(g.endpoint.port(), g.primary, nodes));
        });
        new EngineState(gs).save(dir);
    }

    private void loadSnapshots() {
        try (var files = Files.exists(snapshotDir) ? Files.list(snapshotDir) : Stream.<Path>empty()) {
            for (Path f : files.filter(p -> p.toString().endsWith(".rdb")).toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.rdb$", "");
                snapshots.put(name, new SnapshotFile(f, Files.size(f), sha256(f)));
            }
        } catch (IOException e) {
            warnings.add("the run's snapshot files cannot be read: " + e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Stops every engine (saving its data, so the data dirs hold the run's last state) and every endpoint. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (GroupEngines g : groups.values()) {
                g.endpoint.close();
                g.nodes.values().forEach(n -> n.stop(true));
            }
            try {
                Files.deleteIfExists(dir.resolve(OWNER));
            } catch (IOException e) {
                LOG.debug("owner pid file left", e);
            }
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is what runs this
            }
        }
    }
}
