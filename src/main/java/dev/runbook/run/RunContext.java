package dev.runbook.run;

import dev.runbook.action.ActionContext;
import dev.runbook.action.Mode;
import dev.runbook.action.Progress;
import dev.runbook.action.RequestIds;
import dev.runbook.action.RunsFolder;
import dev.runbook.action.TimeSource;
import dev.runbook.aws.Backend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/** The {@link ActionContext} of a real run: the backend's clients, the run's folder, facts from its journal. */
final class RunContext implements ActionContext {
    private final Environment environment;
    private final Settings settings;
    private final Backend backend;
    private final Path runDir;
    private final Progress progress;
    private final Function<String, Optional<String>> facts;
    private final ConcurrentHashMap<Class<?>, Object> shared;
    private final RequestIds requests = new RequestIds();

    RunContext(Environment environment, Settings settings, Backend backend, Path runDir, Progress progress,
               Function<String, Optional<String>> facts, ConcurrentHashMap<Class<?>, Object> shared) {
        this.environment = environment;
        this.settings = settings;
        this.backend = backend;
        this.runDir = runDir;
        this.progress = progress;
        this.facts = facts;
        this.shared = shared;
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
        return backend.mode();
    }

    @Override
    public ElastiCacheClient elastiCache() {
        return requests.recording(ElastiCacheClient.class, backend.elastiCache());
    }

    @Override
    public CloudWatchClient cloudWatch() {
        return requests.recording(CloudWatchClient.class, backend.cloudWatch());
    }

    /** The request ids of the calls made through this context's clients since the run last took them. */
    RequestIds requests() {
        return requests;
    }

    /** The backend's services, and the run's own: its runs folder. */
    @Override
    public <T> Optional<T> service(Class<T> type) {
        return type == RunsFolder.class ? Optional.of(type.cast(new RunsFolderOnDisk(runDir))) : backend.service(type);
    }

    @Override
    public TimeSource time() {
        return backend.time();
    }

    @Override
    public Progress progress() {
        return progress;
    }

    @Override
    public Path runDir() {
        return runDir;
    }

    @Override
    public <T> T shared(Class<T> type, Supplier<T> create) {
        return type.cast(shared.computeIfAbsent(type, t -> create.get()));
    }

    @Override
    public Optional<String> fact(String key) {
        return facts.apply(key);
    }
}
