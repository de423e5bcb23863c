package dev.runbook.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a step did: a status, a one-line summary, key facts for the report and for later steps (a snapshot
 * name, an endpoint), AWS request ids, warnings, and numeric series for sparklines.
 */
public record Outcome(Status status, String summary, Map<String, String> facts, List<String> requestIds,
                      List<String> warnings, Map<String, List<Double>> series) {

    /**
     * The closed set of ways a step can end. CANNOT_CHECK: a dry run could not check this step because it
     * needs what a failed or only-previewed step did not produce (a fact, or the change itself).
     */
    public enum Status {
        SUCCEEDED, FAILED, SKIPPED, WOULD_RUN, CANNOT_CHECK;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Outcome {
        summary = Redaction.redact(summary);
        facts = OrderedMaps.copy(facts);
        requestIds = List.copyOf(requestIds);
        warnings = warnings.stream().map(Redaction::redact).toList();
        series = OrderedMaps.copy(series);
    }

    /** This outcome with the request ids its step's calls recorded first, then any of its own not among them. */
    public Outcome withRequestIds(List<String> recorded) {
        LinkedHashSet<String> all = new LinkedHashSet<>(recorded);
        all.addAll(requestIds);
        return new Outcome(status, summary, facts, List.copyOf(all), warnings, series);
    }

    public static Builder succeeded(String summary) {
        return new Builder(Status.SUCCEEDED, summary);
    }

    public static Builder failed(String summary) {
        return new Builder(Status.FAILED, summary);
    }

    public static Builder skipped(String summary) {
        return new Builder(Status.SKIPPED, summary);
    }

    public static Builder wouldRun(String summary) {
        return new Builder(Status.WOULD_RUN, summary);
    }

    /** A dry run's "cannot check": the summary says what the step needed that the dry run did not have. */
    public static Builder cannotCheck(String summary) {
        return new Builder(Status.CANNOT_CHECK, summary);
    }

    /** Collects facts, request ids and warnings; facts keep insertion order for the report. */
    public static final class Builder {
        private final Status status;
        private final String summary;
        private final Map<String, String> facts = new LinkedHashMap<>();
        private final List<String> requestIds = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, List<Double>> series = new LinkedHashMap<>();

        private Builder(Status status, String summary) {
            this.status = status;
            this.summary = summary;
        }

        public Builder fact(String key, Object value) {
            facts.put(key, String.valueOf(value));
            return this;
        }

        public Builder requestId(String id) {
            if (id != null && !id.isBlank()) {
                requestIds.add(id);
            }
            return this;
        }

        public Builder requestIds(List<String> ids) {
            ids.forEach(this::requestId);
            return this;
        }

        public Builder warning(String warning) {
            warnings.add(warning);
            return this;
        }

        public Builder series(String name, List<Double> values) {
            series.put(name, List.copyOf(values));
            return this;
        }

        public Outcome build() {
            return new Outcome(status, summary, facts, requestIds, warnings, series);
        }
    }
}
