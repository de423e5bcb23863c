package dev.runbook.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import dev.runbook.config.InvalidInputException;

/** Turns typesafe-config origins and exceptions into the one-line {@code file:line: message} operators see. */
public final class Origins {
    private Origins() {
    }

    /** {@code file:line} of a config origin, or its description when it has no file (a -D property). */
    public static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "(unknown)";
        }
        String file = origin.filename() != null ? origin.filename()
                : origin.resource() != null ? origin.resource() : origin.description();
        return origin.lineNumber() > 0 ? file + ":" + origin.lineNumber() : file;
    }

    /** {@code file:line} of the value at {@code path}, or of the object holding it when the value is absent. */
    public static String where(Config config, String path) {
        if (config.hasPath(path)) {
            ConfigOrigin origin = config.getValue(path).origin();
            // A value substituted from the environment carries the environment's origin: name the file instead.
            if (origin.filename() != null || origin.resource() != null) {
                return where(origin);
            }
        }
        return where(config.origin());
    }

    /** An invalid-input error naming where {@code path} is in the file. */
    public static InvalidInputException error(Config config, String path, String what) {
        return new InvalidInputException(where(config, path) + ": " + what);
    }

    /** One line for a typesafe-config exception: its origin's file:line and its own words without the prefix. */
    public static InvalidInputException error(ConfigException e) {
        String message = e.getMessage();
        if (e.origin() != null) {
            String prefix = e.origin().description() + ": ";
            if (message.startsWith(prefix)) {
                message = message.substring(prefix.length());
            }
            return new InvalidInputException(where(e.origin()) + ": " + message.replace('\n', ' '), e);
        }
        return new InvalidInputException(message.replace('\n', ' '), e);
    }
}
