package dev.runbook.action;

import java.util.List;

/**
 * The other runs in this run's runs folder, for a step that must know whether one is still in flight (the clean-up
 * must not delete what a resumable run may still need). The run provides it through {@code ctx.service}; the journals
 * are read by the run's own reader, never by an action.
 */
public interface RunsFolder {
    /** A run whose journal has no end: crashed or quit, so {@code resume} may still continue it. */
    record Unfinished(String id, String group, String mode) {
    }

    /** Every unfinished run but this one, newest first. */
    List<Unfinished> unfinished();
}
