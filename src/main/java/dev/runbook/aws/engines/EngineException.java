package dev.runbook.aws.engines;

/** An engine process could not be started or driven; the message is one operator sentence with the engine's reason. */
public final class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
