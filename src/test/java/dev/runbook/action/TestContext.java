package dev.runbook.action;

import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * An {@link ActionContext} for tests: set the clients, services, facts and mode you need; time is a manual
 * clock whose {@code sleep} advances instantly (no real sleeps); progress lines are collected.
 */
public final class TestContext implements ActionContext {
    public Settings settings = TestSettings.load();
    public Environment environment = settings.environment("dev");
    public Mode mode = Mode.LIVE;
    public ElastiCacheClient elastiCache;
    public CloudWatchClient cloudWatch;
    public final Map<Class<?>, Object> services = new HashMap<>();
    public final Map<String, String> facts = new HashMap<>();
    public final List<String> log = new ArrayList<>();
    public final List<String> statuses = new ArrayList<>();
    public Path runDir = Path.of("target", "test-runs", "ctx");
    /** The request ids {@link #run} recorded (the run's context records them the same way). */
    public final RequestIds requests = new RequestIds();
    private boolean recording;
    public final ManualTime time = new ManualTime(Instant.parse("2026-11-29T04:30:00Z"));

    public TestContext env(String name) {
        environment = settings.environment(name);
        return this;
    }

    @Override
    public Environment environment() {
        return environment;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public ElastiCacheClient elastiCache() {
        if (elastiCache == null) {
            throw new IllegalStateException("test set no ElastiCache client");
        }
        return recording ? requests.recording(ElastiCacheClient.class, elastiCache) : elastiCache;
    }

    /** Executes {@code action} as a run does: its outcome carries the request ids of the calls it made. */
    public Outcome run(Action action) throws ActionException, InterruptedException {
        requests.drain();
        recording = true;
        try {
            return action.execute(this).withRequestIds(requests.drain());
        } finally {
            recording = false;
        }
    }

    @Override
    public CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            throw new IllegalStateException("test set no CloudWatch client");
        }
        return recording ? requests.recording(CloudWatchClient.class, cloudWatch) : cloudWatch;
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }

    @Override
    public TimeSource time() {
        return time;
    }

    @Override
    public Progress progress() {
        return new Progress() {
            @Override
            public synchronized void log(String line) {
                log.add(line);
            }

            @Override
            public synchronized void status(String line) {
                statuses.add(line);
            }
        };
    }

    @Override
    public Path runDir() {
        return runDir;
    }

    public final Map<Class<?>, Object> sharedObjects = new HashMap<>();

    @Override
    public synchronized <T> T shared(Class<T> type, java.util.function.Supplier<T> create) {
        return type.cast(sharedObjects.computeIfAbsent(type, t -> create.get()));
    }

    @Override
    public Optional<String> fact(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    /** A clock that only moves when someone sleeps on it (or the test advances it). */
    public static final class ManualTime implements TimeSource {
        private Instant now;
        public long sleeps;

        public ManualTime(Instant start) {
            this.now = start;
        }

        @Override
        public synchronized Instant now() {
            return now;
        }

        @Override
        public synchronized void sleep(Duration d) throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            sleeps++;
            now = now.plus(d);
        }

        public synchronized void advance(Duration d) {
            now = now.plus(d);
        }
    }
}
