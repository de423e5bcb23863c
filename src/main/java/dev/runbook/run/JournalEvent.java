package dev.runbook.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of {@code journal.jsonl}; its {@code event} is a {@link Kind}'s word. Everything in it has gone through
 * redaction. Built with {@link #at(String, String)}: {@code JournalEvent.at(ts, run).step(key).summary(s).is(Kind.STARTED)},
 * naming only what the event has (the canonical constructor is the JSON shape, for reading).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEvent(String ts, String run, String step, String event, Boolean mutates, String summary,
                           Map<String, String> facts, List<String> requestIds, String operator,
                           List<String> warnings, Map<String, List<Double>> series) {

    /** What happened: the journal's {@code event} word of each. */
    public enum Kind {
        RUN_STARTED, RESUMED, CONFIRMED, STARTED, SUCCEEDED, FAILED, SKIPPED, WOULD_RUN, CANNOT_CHECK, RECONCILED,
        ABORTED, QUIT, RUN_ENDED, ROLLBACK_STARTED,
        LEASE_TAKEN, LEASE_RENEWED, LEASE_RELEASED, LEASE_REFUSED, LEASE_LOST, LEASE_HELD, LEASE_BROKEN,
        DRY_RUN_BASELINE, DRIFT, DRIFT_ACCEPTED,
        /** The time budget checked before the engine change, with its numbers; the operator's typed override. */
        BUDGET, BUDGET_ACCEPTED,
        /** A word this build does not know (a newer build's journal): kept, read as nothing in particular. */
        OTHER;

        /** "run-started", "would-run", ... as in the file. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        private static final Map<String, Kind> BY_WORD = Arrays.stream(values()).filter(k -> k != OTHER)
                .collect(Collectors.toUnmodifiableMap(Kind::word, k -> k));

        public static Kind of(String word) {
            return word == null ? OTHER : BY_WORD.getOrDefault(word, OTHER);
        }

        /** The events that end an attempt of a step. */
        public boolean endsStep() {
            return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == WOULD_RUN || this == CANNOT_CHECK
                    || this == RECONCILED;
        }
    }

    /** The kind of this event. */
    @JsonIgnore
    public Kind kind() {
        return Kind.of(event);
    }

    /** An event at {@code ts} of run {@code run}; the builder names the rest. */
    public static Builder at(String ts, String run) {
        return new Builder(ts, run);
    }

    /** The builder of one event: every part optional, {@link #is} makes it. */
    public static final class Builder {
        private final String ts;
        private final String run;
        private String step;
        private Boolean mutates;
        private String summary;
        private Map<String, String> facts;
        private List<String> requestIds;
        private String operator;
        private List<String> warnings;
        private Map<String, List<Double>> series;

        private Builder(String ts, String run) {
            this.ts = ts;
            this.run = run;
        }

        public Builder step(String key) {
            this.step = key;
            return this;
        }

        public Builder mutates(Boolean mutates) {
            this.mutates = mutates;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder facts(Map<String, String> facts) {
            this.facts = facts;
            return this;
        }

        public Builder requestIds(List<String> ids) {
            this.requestIds = ids;
            return this;
        }

        public Builder operator(String operator) {
            this.operator = operator;
            return this;
        }

        public Builder warnings(List<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        /** Series, left out of the line when empty. */
        public Builder series(Map<String, List<Double>> series) {
            this.series = series == null || series.isEmpty() ? null : series;
            return this;
        }

        public JournalEvent is(Kind kind) {
            return new JournalEvent(ts, run, step, kind.word(), mutates, summary, facts, requestIds, operator, warnings,
                    series);
        }
    }
}
