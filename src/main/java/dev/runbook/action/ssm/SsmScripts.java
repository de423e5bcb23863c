package dev.runbook.action.ssm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Python handlers of {@code aws:executeScript} steps, kept as files under {@code /ssm/} in the jar so they
 * stay readable (and testable with a real python3) instead of living in Java strings.
 */
public final class SsmScripts {
    /** The runtime every exported script uses: 3.6-3.8 can no longer be created or run. */
    public static final String RUNTIME = "python3.11";

    private SsmScripts() {
    }

    /** The text of {@code /ssm/<file>}. */
    public static String load(String file) {
        try (InputStream in = SsmScripts.class.getResourceAsStream("/ssm/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource /ssm/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
