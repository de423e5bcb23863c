package dev.runbook.aws.sim;

import dev.runbook.action.Reseed;
import dev.runbook.action.TimeSource;
import dev.runbook.aws.LeaseValue;
import dev.runbook.config.Environment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/**
 * The simulated AWS world of a rehearsal: replication groups, snapshots and events, moving on a clock. State
 * changes are scheduled at future instants and applied lazily whenever anyone looks ({@link #advance()}), so the
 * simulation needs no thread of its own and runs as fast as the clock. Shared by the simulated ElastiCache
 * and CloudWatch clients and (through {@link #endpointAvailable}) the simulated data plane. Thread-safe.
 */
public final class CacheSimulation {
    static final String SERVICE = "ElastiCache";
    static final Duration THROTTLE_BURST = Duration.ofSeconds(60);
    static final int SDK_ATTEMPTS = 3;

    private record Task(Instant at, long seq, Runnable run) {
    }

    /** One ElastiCache event as DescribeEvents returns it. */
    record Event(Instant date, SourceType type, String source, String message) {
    }

    private final TimeSource clock;
    private final Set<Fault> faults;
    private final Duration upgradeTimeout;
    final Map<String, SimGroup> groups = new LinkedHashMap<>();
    final Map<String, SimSnapshot> snapshots = new LinkedHashMap<>();
    final List<Event> events = new ArrayList<>();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at.equals(b.at)
            ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
    private long seq;
    private long requests;
    private Instant throttleFrom;
    private Instant dueTime;
    private NodeEngines engines = NodeEngines.NONE;
    private String declared;

    public CacheSimulation(TimeSource clock, Set<Fault> faults, Duration upgradeTimeout) {
        this.clock = clock;
        this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        this.upgradeTimeout = upgradeTimeout;
    }

    /** A simulation holding the environment's group as it runs today (Redis OSS 7.0) with its automated snapshots. */
    public static CacheSimulation of(Environment env, TimeSource clock, Set<Fault> faults, Duration upgradeTimeout) {
        CacheSimulation sim = new CacheSimulation(clock, faults, upgradeTimeout);
        sim.seed(env);
        return sim;
    }

    public TimeSource clock() {
        return clock;
    }

    public Set<Fault> faults() {
        return Set.copyOf(faults);
    }

    /** Real engines that follow the timeline (rehearse --real-engines); {@link NodeEngines#NONE} by default. */
    public synchronized void drive(NodeEngines engines) {
        this.engines = engines;
    }

    synchronized NodeEngines engines() {
        return engines;
    }

    Duration upgradeTimeout() {
        return upgradeTimeout;
    }

    boolean has(Fault f) {
        return faults.contains(f);
    }

    private synchronized void seed(Environment env) {
        Instant now = clock.now();
        SimGroup g = new SimGroup(env.replicationGroupId(), now.minus(Duration.ofDays(180)));
        g.engine = env.source().engine();
        String full = Catalog.find(g.engine, env.source().version())
                .orElseThrow(() -> new IllegalArgumentException("the simulation has no " + env.source())).full();
        g.nodeType = env.nodeType();
        g.parameterGroup = "default." + Catalog.find(g.engine, full).orElseThrow().family();
        g.atRestEncryption = env.atRestEncryption();
        g.snapshotRetentionLimit = env.snapshotRetentionLimit();
        g.snapshotWindow = env.snapshotWindow();
        g.maintenanceWindow = env.maintenanceWindow();
        for (int i = 0; i < env.currentNumCacheClusters(); i++) {
            g.members.add(new SimGroup.Member(g.nextMemberId(), g.created, full, i == 0));
        }
        groups.put(g.id, g);
        if (faults.contains(Fault.LEASE_HELD)) {
            g.tags.put(LeaseValue.TAG, otherRunsLease(env, now).format());
        }
        // Automated snapshots: one a day at the snapshot window's opening, as many as the retention keeps.
        Instant day = now.truncatedTo(ChronoUnit.DAYS).plus(LocalTime.parse(
                g.snapshotWindow.substring(0, 5)).toSecondOfDay(), ChronoUnit.SECONDS);
        if (day.isAfter(now)) {
            day = day.minus(Duration.ofDays(1));
        }
        for (int i = 0; i < g.snapshotRetentionLimit; i++) {
            Instant at = day.minus(Duration.ofDays(i));
            String name = "automatic." + g.id + "-" + at.toString().substring(0, 16).replace('T', '-').replace(':', '-');
            snapshots.put(name, new SimSnapshot(name, g, "automated", at, "available"));
        }
    }

    /** The lease-held drill's lease: another operator's run on another host, started 12 minutes ago. */
    private static LeaseValue otherRunsLease(Environment env, Instant now) {
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(now.minus(Duration.ofMinutes(12))) + "-" + env.name();
        return new LeaseValue(runId, "oncall-2@bastion-2", now.plus(Duration.ofMinutes(25)));
    }

    /** The group whose ARN is {@code arn} (tags are addressed by ARN), or ReplicationGroupNotFoundFault. */
    synchronized SimGroup requireArn(String arn) {
        return groups.values().stream().filter(g -> g.arn().equals(arn)).findFirst()
                .orElseThrow(() -> error(ReplicationGroupNotFoundException.builder(), 404,
                        "ReplicationGroupNotFoundFault", "No replication group has the ARN " + arn + "."));
    }

    /**
     * Puts the environment's group where the old run left it, as settled state (no change in flight), so that
     * resume's reconciliation finds what AWS would show. Order matters: the snapshot is of the Redis group, taken
     * before the engine change; the rollback group is restored from that snapshot.
     */
    public synchronized void restoreFrom(Environment env, Reseed sent) {
        SimGroup g = require(env.replicationGroupId());
        Instant now = clock.now();
        sent.snapshotName().ifPresent(name -> snapshots.put(name, new SimSnapshot(name, g, "manual", now, "available")));
        if (sent.replicasAddedSent()) {
            while (g.members.size() < env.numCacheClusters()) {
                g.members.add(new SimGroup.Member(g.nextMemberId(), now, g.primary().engineVersion, false));
            }
        }
        if (sent.failoverEnabledSent()) {
            g.automaticFailover = true;
            g.multiAz = env.multiAz();
        }
        if (sent.restoredGroup().isPresent() && sent.snapshotName().isPresent()) {
            SimGroup r = new SimGroup(sent.restoredGroup().get(), now);
            r.engine = g.engine;
            r.nodeType = g.nodeType;
            r.parameterGroup = g.parameterGroup;
            r.members.add(new SimGroup.Member(r.nextMemberId(), now, g.primary().engineVersion, true));
            groups.put(r.id, r);
        }
        if (sent.engineChangedSent()) {
            Catalog.EngineVersion target = Catalog.find(env.target().engine(), env.target().version())
                    .orElseThrow(() -> new IllegalArgumentException("the simulation has no " + env.target().engine()
                            + " " + env.target().version()));
            g.engine = target.engine();
            g.parameterGroup = "default." + target.family();
            g.members.forEach(m -> m.engineVersion = target.full());
        }
        if (sent.transitEncryptionSent()) {
            g.transitEncryption = true;
            g.transitMode = sent.transitModeSent();
        }
        sent.deletedGroups().forEach(groups::remove);
        snapshots.keySet().removeIf(name -> sent.deletedSnapshotPrefixes().stream().anyMatch(name::startsWith)
                && "manual".equals(snapshots.get(name).source));
        event(SourceType.REPLICATION_GROUP, g.id, "Rehearsal resumed: " + g.id + " restored from the run's journal.");
    }

    /** Puts the group where a runbook's {@code rehearsal-start} block says the migration left it (see DeclaredStart). */
    public void startFrom(Environment env, dev.runbook.runbook.RehearsalStart start) {
        DeclaredStart.apply(this, env, start);
        synchronized (this) {
            declared = start.describe();
        }
    }

    /** What {@link #startFrom} seeded, in words; empty when the rehearsal starts from the environment's group. */
    public synchronized java.util.Optional<String> declaredStart() {
        return java.util.Optional.ofNullable(declared);
    }

    /** The ids of the simulated groups, the environment's first. */
    public synchronized List<String> groupIds() {
        return List.copyOf(groups.keySet());
    }

    /** True when the group's primary endpoint answers (false while a node-less-replica upgrade replaces it). */
    public synchronized boolean endpointAvailable(String groupId) {
        advance();
        SimGroup g = groups.get(groupId);
        return g != null && g.endpointAvailable;
    }

    /** The engine the group's primary runs now: "redis" or "valkey". */
    public synchronized String engine(String groupId) {
        advance();
        return require(groupId).engine;
    }

    /**
     * How late the group's endpoint answers a PING now: {@link Fault#SLOW_AFTER} once the group runs valkey, else
     * at once.
     */
    public synchronized Duration pingDelay(String groupId) {
        advance();
        return faults.contains(Fault.SLOW_AFTER) && "valkey".equals(require(groupId).engine)
                ? Duration.ofMillis(Fault.SLOW_AFTER_MILLIS) : Duration.ZERO;
    }

    /** The full engine version of the group's primary now, e.g. "7.0.7". */
    public synchronized String engineVersion(String groupId) {
        advance();
        return require(groupId).primary().engineVersion;
    }

    /** host:port of the group's primary endpoint. */
    public synchronized String primaryEndpoint(String groupId) {
        return require(groupId).primaryHost() + ":6379";
    }

    synchronized SimGroup require(String groupId) {
        SimGroup g = groups.get(groupId);
        if (g == null) {
            throw error(ReplicationGroupNotFoundException.builder(), 404, "ReplicationGroupNotFoundFault",
                    "Replication group " + groupId + " not found.");
        }
        return g;
    }

    /** The simulated now; while a scheduled change runs, the moment it was due (so its follow-ups keep time). */
    synchronized Instant now() {
        return dueTime != null ? dueTime : clock.now();
    }

    synchronized void schedule(Duration after, Runnable task) {
        tasks.add(new Task(now().plus(after), seq++, task));
    }

    synchronized void scheduleAt(Instant at, Runnable task) {
        tasks.add(new Task(at, seq++, task));
    }

    /** Applies every change whose time has come, in order (a change may schedule the next one). */
    synchronized void advance() {
        Instant now = clock.now();
        while (!tasks.isEmpty() && !tasks.peek().at.isAfter(now)) {
            Task task = tasks.poll();
            dueTime = task.at;
            try {
                task.run.run();
            } finally {
                dueTime = null;
            }
        }
    }

    synchronized void event(SourceType type, String source, String message) {
        events.add(new Event(now(), type, source, message));
    }

    synchronized String nextRequestId() {
        return String.format("sim-%08d-0000-4000-8000-%012d", ++requests, requests);
    }

    AwsServiceException error(AwsServiceException.Builder builder, int status, String code, String message) {
        // built as the real client hands them over: concrete class, status, error code, request id
        String requestId = nextRequestId();
        return builder.message(message + " (Service: " + SERVICE + ", Status Code: " + status + ", Request ID: "
                        + requestId + ")")
                .statusCode(status)
                .requestId(requestId)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                        .errorMessage(message).serviceName(SERVICE).build())
                .build();
    }

    /**
     * Every simulated call starts here: brings the world up to now and, with the throttling drill, refuses calls
     * during the burst. A fake client bypasses the SDK's retry stage, so this retries a throttled call as the
     * SDK's standard mode would (3 attempts, exponential backoff on the simulated clock) before giving up.
     */
    void enter(boolean mutating) {
        for (int attempt = 1; ; attempt++) {
            synchronized (this) {
                advance();
                if (!throttled(mutating)) {
                    return;
                }
            }
            if (attempt == SDK_ATTEMPTS) {
                throw error(ElastiCacheException.builder(), 400, "Throttling", "Rate exceeded");
            }
            try {
                clock.sleep(Duration.ofMillis(500L << (attempt - 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AbortedException.create("Thread was interrupted");
            }
        }
    }

    private boolean throttled(boolean mutating) {
        if (!faults.contains(Fault.THROTTLING)) {
            return false;
        }
        Instant now = clock.now();
        if (throttleFrom == null && mutating) {
            throttleFrom = now;
        }
        return throttleFrom != null && now.isBefore(throttleFrom.plus(THROTTLE_BURST));
    }
}
