package dev.runbook.action;

/** How a run touches AWS. */
public enum Mode {
    /** Real AWS; mutations sent after confirmation. */
    LIVE("LIVE"),
    /** Real AWS, read-only: mutations shown as "would send", refused at the client layer. */
    DRY_RUN("DRY-RUN"),
    /** A built-in simulation with a virtual clock: no AWS account or network needed. */
    REHEARSAL("REHEARSAL");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    /** As shown in the status bar and the report. */
    public String label() {
        return label;
    }

    public boolean canMutate() {
        return this != DRY_RUN;
    }
}
