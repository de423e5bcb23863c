package dev.runbook.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code journal.jsonl}. {@code event} is one of started, confirmed, succeeded, failed, skipped,
 * would-run, reconciled, aborted, run-started, run-ended. Everything in it has gone through redaction.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEvent(String ts, String run, String step, String event, Boolean mutates, String summary,
                           Map<String, String> facts, List<String> requestIds, String operator,
                           List<String> warnings, Map<String, List<Double>> series) {

    public static JournalEvent of(String ts, String run, String step, String event, String summary) {
        return new JournalEvent(ts, run, step, event, null, summary, null, null, null, null, null);
    }
}
