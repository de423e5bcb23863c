package dev.runbook.run;

/** Where a step is in a run, as the tree and the report show it. */
public enum StepStatus {
    PENDING("pending", " "),
    RUNNING("running", ">"),
    DONE("done", "✓"),
    FAILED("failed", "✗"),
    SKIPPED("skipped", "-"),
    WOULD_RUN("would-run", "~"),
    /** A dry run could not check it: it needs what a failed or only-previewed step did not produce. */
    CANNOT_CHECK("cannot check", "?"),
    NOT_APPLICABLE("n/a", "·");

    private final String word;
    private final String mark;

    StepStatus(String word, String mark) {
        this.word = word;
        this.mark = mark;
    }

    public String word() {
        return word;
    }

    /** One-column mark for the runbook tree (readable without colour). */
    public String mark() {
        return mark;
    }

    /** True once the step needs no more work in this run. */
    public boolean finished() {
        return this == DONE || this == SKIPPED || this == WOULD_RUN || this == CANNOT_CHECK || this == NOT_APPLICABLE;
    }
}
