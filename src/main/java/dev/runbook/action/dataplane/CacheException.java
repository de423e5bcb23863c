package dev.runbook.action.dataplane;

/**
 * A data-plane call failed: the endpoint could not be reached, refused the credentials, or answered with an
 * error. The message is one operator sentence naming the endpoint (never the token); the cause keeps the
 * client library's exception for the log.
 */
public final class CacheException extends RuntimeException {
    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }

    public CacheException(String message) {
        super(message);
    }
}
