package dev.runbook.action;

import java.util.ArrayList;
import java.util.List;

/**
 * What a step will do, in the operator's words, and the exact requests it would send (already redacted).
 *
 * @param summary  one line: "Modify goorm-popcorn-cache-dev: engine redis 7.0 → valkey 8.0, apply immediately"
 * @param requests each request as the SDK prints it, or a command line, after {@link Redaction#redact}
 * @param warnings things the operator must know before confirming
 */
public record Preview(String summary, List<String> requests, List<String> warnings) {
    public Preview {
        requests = requests.stream().map(Redaction::redact).toList();
        warnings = List.copyOf(warnings);
    }

    public static Preview of(String summary, String... requests) {
        return new Preview(summary, List.of(requests), List.of());
    }

    public Preview withWarning(String warning) {
        List<String> w = new ArrayList<>(warnings);
        w.add(warning);
        return new Preview(summary, requests, w);
    }
}
