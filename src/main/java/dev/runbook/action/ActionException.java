package dev.runbook.action;

/**
 * A step could not do its work. The message is one operator sentence saying what happened and what to do
 * next; the AWS error code and request id (when there are) go to the journal and report.
 */
public final class ActionException extends Exception {
    private final String errorCode;
    private final String requestId;

    public ActionException(String message, String errorCode, String requestId, Throwable cause) {
        super(Redaction.redact(message), cause);
        this.errorCode = errorCode;
        this.requestId = requestId;
    }

    public ActionException(String message) {
        this(message, null, null, null);
    }

    /** The service's error code (e.g. InvalidReplicationGroupState), or null. */
    public String errorCode() {
        return errorCode;
    }

    /** The AWS request id of the failed call, or null. */
    public String requestId() {
        return requestId;
    }
}
