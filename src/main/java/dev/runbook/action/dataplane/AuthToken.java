package dev.runbook.action.dataplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the cache's AUTH token from the environment variable or file the settings name, never from the
 * settings themselves. The token is only handed to the client library and to a child process's environment;
 * messages name where it should come from, never the token.
 */
public final class AuthToken {
    private AuthToken() {
    }

    /** The token, or empty when neither a variable nor a file is named (the endpoint has no AUTH). */
    public static Optional<String> read(String envVar, String file, Map<String, String> environment) {
        if (envVar != null && !envVar.isBlank()) {
            String value = environment.get(envVar);
            if (value == null || value.isBlank()) {
                throw new CacheException("The auth token variable " + envVar
                        + " is not set: export it in this shell (e.g. read -s " + envVar + "; export " + envVar
                        + ") and try again.");
            }
            return Optional.of(value.strip());
        }
        if (file != null && !file.isBlank()) {
            try {
                String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw new CacheException("The auth token file " + file + " is empty: write the token into it.");
                }
                return Optional.of(value);
            } catch (IOException e) {
                throw new CacheException("Cannot read the auth token file " + file + " (" + e.getClass().getSimpleName()
                        + "): check the path in data-plane.auth-token-file and its permissions.", e);
            }
        }
        return Optional.empty();
    }

    /** Where the token comes from, for previews: "$VAR", "file PATH" or "none". */
    public static String source(String envVar, String file) {
        if (envVar != null && !envVar.isBlank()) {
            return "$" + envVar;
        }
        if (file != null && !file.isBlank()) {
            return "file " + file;
        }
        return "none";
    }
}
