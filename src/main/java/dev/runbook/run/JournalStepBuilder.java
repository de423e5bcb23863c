package dev.runbook.run;

import dev.runbook.action.OrderedMaps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds one step's journal events into its last attempt for {@link JournalReplay}: a new attempt starts at a
 * confirmation, or at a start after an end; a {@code reconciled} event ends, reopens or fails the attempt
 * as resume decided.
 */
final class JournalStepBuilder {
    final String key;
    boolean mutates;
    boolean open;
    String started;
    String ended;
    String endEvent;
    String summary;
    Map<String, String> facts = new LinkedHashMap<>();
    List<String> requestIds = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, List<Double>> series = new LinkedHashMap<>();
    String confirmation;
    String confirmedBy;
    int attempts;
    final List<String> reconciliations = new ArrayList<>();

    JournalStepBuilder(String key) {
        this.key = key;
    }

    void accept(JournalEvent e) {
        if (e.mutates() != null) {
            mutates = e.mutates();
        }
        switch (e.kind()) {
            case CONFIRMED -> {
                newAttempt();
                confirmation = e.summary();
                confirmedBy = e.operator();
            }
            case STARTED -> {
                if (!open) {
                    newAttempt();
                }
                started = e.ts();
                summary = e.summary();
            }
            case RECONCILED -> reconciled(e);
            default -> end(e);
        }
    }

    private void newAttempt() {
        open = true;
        attempts++;
        started = null;
        ended = null;
        endEvent = null;
        confirmation = null;
        confirmedBy = null;
        facts = new LinkedHashMap<>();
        requestIds = new ArrayList<>();
        warnings = new ArrayList<>();
        series = new LinkedHashMap<>();
    }

    private void end(JournalEvent e) {
        if (!open) {
            // a skip (after a failure, or instead of running) is a decision, not another attempt
            int ran = attempts;
            newAttempt();
            if (e.kind() == JournalEvent.Kind.SKIPPED) {
                attempts = ran;
            }
        }
        open = false;
        if (started == null) {
            started = e.ts();
        }
        ended = e.ts();
        endEvent = e.event();
        summary = e.summary();
        take(e);
    }

    private void take(JournalEvent e) {
        if (e.facts() != null) {
            facts.putAll(e.facts());
        }
        if (e.requestIds() != null) {
            requestIds.addAll(e.requestIds());
        }
        if (e.warnings() != null) {
            warnings.addAll(e.warnings());
        }
        if (e.series() != null) {
            series.putAll(e.series());
        }
    }

    private void reconciled(JournalEvent e) {
        reconciliations.add(e.summary());
        String resolution = e.facts() == null ? "" : e.facts().getOrDefault(JournalReplay.RESOLUTION, "");
        switch (resolution) {
            case "done" -> {
                open = false;
                ended = e.ts();
                endEvent = "reconciled";
                summary = e.summary();
                take(e);
                facts.remove(JournalReplay.RESOLUTION);
            }
            case "pending" -> {
                open = false;
                started = null;
                ended = null;
                endEvent = null;
                summary = e.summary();
            }
            default -> {
                open = false;
                ended = e.ts();
                endEvent = "failed";
                summary = e.summary();
            }
        }
    }

    JournalReplay.StepRecord build() {
        return new JournalReplay.StepRecord(key, mutates, started, ended, endEvent, summary,
                OrderedMaps.copy(facts),
                List.copyOf(requestIds), List.copyOf(warnings), OrderedMaps.copy(series), confirmation,
                confirmedBy, attempts, List.copyOf(reconciliations));
    }
}
