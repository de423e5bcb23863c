package dev.runbook.runbook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the operator must do before a step runs. */
public enum Confirm {
    /** Reads and checks: run without asking. */
    NONE("none"),
    /** A mutation: answer y after reading what will change and on which group. */
    YES("yes"),
    /** Can lose data or cause downtime: type the replication group id. */
    TYPE_ID("type-id");

    private final String word;

    Confirm(String word) {
        this.word = word;
    }

    /** The word used in runbook files and reports. */
    public String word() {
        return word;
    }

    public static Optional<Confirm> parse(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.word.equals(w)).findFirst();
    }
}
