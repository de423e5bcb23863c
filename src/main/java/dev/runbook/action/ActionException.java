package dev.runbook.action;

/**
 * A step could not do its work. The message is one operator sentence saying what happened and what to do
 * next; the AWS error code and request id (when there are) go to the journal and report.
 */
public final class ActionException extends Exception {
    private final String errorCode;
    private final String requestId;
    private final int httpStatus;

    public ActionException(String message, String errorCode, String requestId, Throwable cause) {
        this(message, errorCode, requestId, 0, cause);
    }

    /** With the HTTP status of the failed call (kept for the journal: a 5xx on a change may have applied it). */
    public ActionException(String message, String errorCode, String requestId, int httpStatus, Throwable cause) {
        super(Redaction.redact(message), cause);
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.httpStatus = httpStatus;
    }

    /** The HTTP status AWS answered with, or 0 when unknown. */
    public int httpStatus() {
        return httpStatus;
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
