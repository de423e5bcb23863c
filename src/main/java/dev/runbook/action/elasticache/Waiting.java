package dev.runbook.action.elasticache;

import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The polling loop the mutating steps share: ask, show the state and elapsed time on the status line, sleep on
 * the context's clock, give up with an operator sentence at the timeout. Interrupting the thread cancels it.
 */
public final class Waiting {
    /** One look at the thing waited for: the state to show, and the result once it is done. */
    public record Look<T>(String state, Optional<T> done) {
        public static <T> Look<T> pending(String state) {
            return new Look<>(state, Optional.empty());
        }

        public static <T> Look<T> done(String state, T value) {
            return new Look<>(state, Optional.of(value));
        }
    }

    /** Asks AWS once. */
    @FunctionalInterface
    public interface Probe<T> {
        Look<T> look() throws ActionException;
    }

    private Waiting() {
    }

    /** Polls {@code probe} every {@code interval} until done or {@code timeout} passes. */
    public static <T> T until(ActionContext ctx, String what, Duration timeout, Duration interval, Probe<T> probe)
            throws ActionException, InterruptedException {
        Instant start = ctx.time().now();
        while (true) {
            Look<T> look = probe.look();
            Duration elapsed = Duration.between(start, ctx.time().now());
            ctx.progress().status(what + ": " + look.state() + " — " + format(elapsed) + " elapsed");
            if (look.done().isPresent()) {
                return look.done().get();
            }
            if (elapsed.compareTo(timeout) >= 0) {
                throw new ActionException("Gave up waiting for " + what + " after " + format(timeout) + " (still "
                        + look.state() + "): check the AWS console; the change may still finish, then re-run the step.");
            }
            ctx.time().sleep(interval);
        }
    }

    /**
     * Waits until the replication group reads {@code available} and shows the change ({@code applied}); returns
     * its final state. Checking the change, not only the status, covers a status that still reads available for a
     * moment right after the request.
     */
    public static GroupState groupAvailable(ActionContext ctx, String group, Duration timeout, 
                                            Predicate<GroupState> applied)
            throws ActionException, InterruptedException {
        return until(ctx, group, timeout, Duration.ofSeconds(15), () -> {
            var g = GroupState.describeGroup(AwsClients.elastiCache(ctx), group);
            if (!"available".equals(g.status())) {
                return Look.pending(g.status());
            }
            GroupState s = GroupState.load(AwsClients.elastiCache(ctx), group);
            return applied.test(s) ? Look.done(g.status(), s) : Look.pending(g.status() + ", change not visible yet");
        });
    }

    /** "4m12s", "1h02m", "35s". */
    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 3600) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
