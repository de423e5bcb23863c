package dev.runbook.cli;

import dev.runbook.run.Interrupt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT, SIGTERM and SIGHUP into an {@link Interrupt} for the run in flight, so that the run journals
 * why it stopped, writes its report and prints the resume command instead of dying silently.
 *
 * <p>Why {@code sun.misc.Signal} (module jdk.unsupported, which Lanterna itself uses for SIGWINCH) and not a
 * shutdown hook: a hook runs while the run's threads keep going, cannot ask the operator anything, races
 * Lanterna's own hook that restores the terminal, and the process is gone the moment the hooks return. A
 * handler instead hands the signal to the run's own way out — the same one {@code q} takes — and the process
 * exits when that is done. A second signal while the first is being handled exits at once (128 + its number):
 * the journal is forced to disk line by line, so it holds every step that ended. A signal ignored when the JVM
 * started (nohup) stays ignored. Where the JVM offers no such handler the default behaviour stays.
 */
final class Signals implements AutoCloseable {
    /** The signals handled, with the number that makes the exit status. */
    private static final List<Kind> KINDS = List.of(new Kind("INT", 2), new Kind("TERM", 15), new Kind("HUP", 1));
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private record Kind(String name, int number) {
    }

    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private final AtomicBoolean handling = new AtomicBoolean();
    private volatile Consumer<Interrupt> target;

    private Signals() {
    }

    /**
     * Installs the handlers. {@code askOnInt}: SIGINT asks the person at the screen first (the TUI), as Ctrl-C
     * does; otherwise every signal stops the run without a question.
     */
    static Signals install(boolean askOnInt) {
        Signals s = new Signals();
        for (Kind k : KINDS) {
            try {
                Signal signal = new Signal(k.name());
                Interrupt interrupt = new Interrupt("SIG" + k.name(), askOnInt && k.number() == 2, 128 + k.number());
                SignalHandler old = Signal.handle(signal, sig -> s.deliver(interrupt));
                if (old == SignalHandler.SIG_IGN) {
                    Signal.handle(signal, old);   // nohup: the operator asked for this signal to be ignored
                } else {
                    s.installed.add(signal);
                    s.previous.add(old);
                }
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                LOG.warn("cannot handle SIG{} here; it keeps the JVM's default behaviour", k.name(), e);
            }
        }
        return s;
    }

    /** Where signals go from now on (the screen, or the non-interactive driver). */
    void onInterrupt(Consumer<Interrupt> target) {
        this.target = target;
    }

    private void deliver(Interrupt interrupt) {
        Consumer<Interrupt> t = target;
        if (t == null || (!interrupt.ask() && !handling.compareAndSet(false, true))) {
            // nothing to hand it to yet, or the operator insists: leave now
            Runtime.getRuntime().exit(interrupt.exitCode());
            return;
        }
        LOG.warn("{} received: {}", interrupt.signal(), interrupt.ask() ? "asking the operator" : "stopping the run");
        t.accept(interrupt);
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            try {
                Signal.handle(installed.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot restore the handler of {}", installed.get(i), e);
            }
        }
    }
}
