package dev.runbook.tui;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.action.TestContext;
import dev.runbook.action.TimeSource;
import dev.runbook.aws.Backend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.run.Journal;
import dev.runbook.run.Run;
import dev.runbook.run.RunInfo;
import dev.runbook.run.RunListener;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/** Runs for the TUI tests and the start-up bench: a runbook over a backend with no AWS and a manual clock. */
public final class TestRuns {
    public static final Path RUNBOOK = Path.of("src", "test", "resources", "tui", "test-runbook.conf");

    private TestRuns() {
    }

    static Run run(Path dir, String env, Mode mode) {
        return run(dir, env, mode, RUNBOOK, TestActions.registry());
    }

    /** The test runbook with its test actions (every step works), or another runbook with another registry. */
    public static Run run(Path dir, String env, Mode mode, Path runbookFile, ActionRegistry registry) {
        Settings settings = TestSettings.load();
        Environment environment = settings.environment(env);
        Runbook runbook = new RunbookLoader(registry).load(runbookFile, environment);
        RunInfo info = new RunInfo("20261129-043000-" + env, dir, "alice", Map.of("mode", mode.label()));
        return new Run(info, runbook, environment, settings, new TestBackend(mode), Journal.open(dir), RunListener.NONE);
    }

    /** No clients at all (a test that reached AWS fails loudly); a manual clock on a Sunday inside dev's window. */
    public static final class TestBackend implements Backend {
        private final Mode mode;
        final TestContext.ManualTime time = new TestContext.ManualTime(Instant.parse("2026-11-29T05:30:00Z"));

        TestBackend(Mode mode) {
            this.mode = mode;
        }

        @Override
        public Mode mode() {
            return mode;
        }

        @Override
        public ElastiCacheClient elastiCache() {
            throw new IllegalStateException("the TUI tests use no AWS client");
        }

        @Override
        public CloudWatchClient cloudWatch() {
            throw new IllegalStateException("the TUI tests use no AWS client");
        }

        @Override
        public <T> Optional<T> service(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public TimeSource time() {
            return time;
        }

        @Override
        public String identity() {
            return "test";
        }

        @Override
        public String describe() {
            return "test backend";
        }

        @Override
        public void close() {
        }
    }
}
