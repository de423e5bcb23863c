package dev.runbook.run;

/**
 * The operator's answer: given or not, who gave it, and how ("y", "typed id", "auto: rehearsal").
 */
public record Confirmation(boolean given, String by, String how) {
    public static Confirmation declined(String by) {
        return new Confirmation(false, by, "declined");
    }
}
