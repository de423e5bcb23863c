package dev.runbook.action;

import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a preview may use: the environment, the settings, the mode, the clock and the facts earlier steps
 * recorded — no client, no service, no run state. {@link Action#preview} takes this type, so "a preview needs no
 * AWS" is the compiler's to check; a run's {@link ActionContext} is one, and so is {@link #of} ({@code plan}).
 */
public interface PreviewContext {
    Environment environment();

    Settings settings();

    Mode mode();

    /** Now on the run's clock (a rehearsal's simulated time). */
    Instant now();

    /** runs/&lt;run-id&gt;/, where the step would save files. */
    Path runDir();

    /** The newest value of a fact an earlier step of this run recorded; empty in {@code plan}. */
    Optional<String> fact(String key);

    /** The context {@code plan} and {@code validate} preview with: no run, no facts, the wall clock. */
    static PreviewContext of(Environment environment, Settings settings, Mode mode) {
        return new Plan(environment, settings, mode);
    }

    /** {@link #of}'s context. */
    record Plan(Environment environment, Settings settings, Mode mode) implements PreviewContext {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public Path runDir() {
            return Path.of(settings.runsDir(), "plan");
        }

        @Override
        public Optional<String> fact(String key) {
            return Optional.empty();
        }
    }
}
