package dev.runbook.tui;

import dev.runbook.action.Preview;
import dev.runbook.run.Run;
import dev.runbook.runbook.Runbook;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Step previews, computed on their own executor (building SDK request objects loads classes: the first
 * screen must not wait for it) and kept until a step ends, since later previews may read its facts.
 * GUI thread only; results come back through {@code post}.
 */
final class Previews {
    private final Run run;
    private final Executor executor;
    private final Consumer<Runnable> post;
    private final Map<String, Preview> ready = new HashMap<>();
    private final Set<String> computing = new HashSet<>();

    Previews(Run run, Executor executor, Consumer<Runnable> post) {
        this.run = run;
        this.executor = executor;
        this.post = post;
    }

    /** The preview, or null while it is being computed. */
    Preview get(Runbook.Entry e) {
        return ready.get(e.key());
    }

    /** Starts computing the preview unless it is ready or under way; {@code done} runs when it is ready. */
    void ensure(Runbook.Entry e, Runnable done) {
        if (ready.containsKey(e.key()) || !computing.add(e.key())) {
            return;
        }
        executor.execute(() -> {
            Preview p;
            try {
                p = run.preview(e);
            } catch (RuntimeException ex) {
                p = Preview.of("(no preview: " + ex.getMessage() + ")");
            }
            Preview result = p;
            post.accept(() -> {
                computing.remove(e.key());
                ready.put(e.key(), result);
                done.run();
            });
        });
    }

    /** Forgets every preview: a step ended, and its facts may change what the others will do. */
    void clear() {
        ready.clear();
    }
}
