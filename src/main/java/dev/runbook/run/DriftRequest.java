package dev.runbook.run;

import dev.runbook.action.Mode;
import dev.runbook.runbook.Runbook;
import java.util.List;

/**
 * What the operator is asked when a live run is about to send something that differs from the dry run it is
 * held to: the step, which dry run and how old, the field-by-field difference, and the word that goes on anyway.
 */
public record DriftRequest(Runbook.Entry entry, String dryRun, String age, List<String> differences, String word,
                           String target, Mode mode, String environment) {
    /** The word the operator types to go on despite the drift. */
    public static final String WORD = "drift";

    public DriftRequest {
        differences = List.copyOf(differences);
    }

    /** True when {@code typed} is the word. */
    public boolean accepts(String typed) {
        return typed != null && typed.trim().equals(word);
    }
}
