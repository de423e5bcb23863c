package dev.runbook.config;

/**
 * Bad input from the operator: a settings or runbook file, a flag, a typed confirmation. The message is one
 * line that names the file and line (or the flag) and what is wrong; the command line prints it as it is and
 * exits with {@link ExitCodes#INVALID_INPUT}. Never carries a stack trace to the screen.
 */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
