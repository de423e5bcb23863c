package dev.runbook.run;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.runbook.action.Redaction;
import dev.runbook.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets a run is configured with (the data-plane auth token, read from the environment variable or
 * file the settings name), masked wherever they appear in what the run writes. Pattern-based
 * {@link Redaction} catches {@code AuthToken=...}; this catches the bare value in any text at all.
 */
public final class JournalSecrets {
    /** Shorter values would mask ordinary words; real auth tokens are 16-128 characters. */
    private static final int MIN_LENGTH = 8;
    private final List<String> values;

    private JournalSecrets(List<String> values) {
        this.values = List.copyOf(values);
    }

    public static JournalSecrets none() {
        return new JournalSecrets(List.of());
    }

    /** The auth token of {@code env}'s data plane, from its environment variable and/or its file. */
    public static JournalSecrets of(Environment env) {
        List<String> found = new ArrayList<>();
        Environment.DataPlane dp = env.dataPlane();
        if (dp != null && !dp.authTokenEnv().isEmpty()) {
            add(found, System.getenv(dp.authTokenEnv()));
        }
        if (dp != null && !dp.authTokenFile().isEmpty()) {
            try {
                add(found, Files.readString(Path.of(dp.authTokenFile())));
            } catch (IOException | RuntimeException e) {
                // unreadable here means the data-plane step will say so; nothing to mask
            }
        }
        return new JournalSecrets(found);
    }

    private static void add(List<String> found, String value) {
        if (value != null && value.strip().length() >= MIN_LENGTH) {
            found.add(value.strip());
            // as it reads inside a JSON string (a token with a quote or backslash is escaped there)
            found.add(new String(JsonStringEncoder.getInstance()
                    .quoteAsString(value.strip())));
        }
    }

    /** {@code text} with every configured secret replaced by the mask, then pattern-redacted. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String t = text;
        for (String v : values) {
            t = t.replace(v, Redaction.MASK);
        }
        return Redaction.redact(t);
    }
}
