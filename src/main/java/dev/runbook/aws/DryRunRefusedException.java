package dev.runbook.aws;

/**
 * A dry run tried to send an operation that is not a read (Describe*, List*, Get*): the guard refused it
 * before it reached AWS. The message is "would send: &lt;the request, redacted&gt;".
 */
public final class DryRunRefusedException extends RuntimeException {
    private final String operation;

    public DryRunRefusedException(String operation, String request) {
        super("dry run: " + operation + " refused, nothing sent; would send: " + request);
        this.operation = operation;
    }

    /** The refused operation, e.g. "modifyReplicationGroup". */
    public String operation() {
        return operation;
    }
}
