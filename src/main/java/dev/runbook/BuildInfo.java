package dev.runbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build wrote into {@code dev/runbook/build.properties}: the version and the commit the jar was built
 * from, with a mark when the working tree had uncommitted changes. A build outside a git checkout has no commit:
 * it reads "unknown commit" rather than a placeholder.
 */
public record BuildInfo(String version, String commit, boolean dirty, String commitTime) {
    private static final String RESOURCE = "/dev/runbook/build.properties";

    /** Reads the build's properties from the classpath. */
    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildInfo(value(p, "version"), value(p, "commit"), "true".equals(value(p, "dirty")),
                value(p, "commit-time"));
    }

    /** {@code valkey-runbook 0.1.0 (commit 1a2b3c4, 2026-12-01T10:00:00Z)}, {@code +dirty} for uncommitted changes. */
    public String line() {
        String v = version == null ? "(version unknown)" : version;
        if (commit == null) {
            return "valkey-runbook " + v + " (unknown commit: built outside a git checkout)";
        }
        return "valkey-runbook " + v + " (commit " + commit + (dirty ? "+dirty" : "")
                + (commitTime == null ? "" : ", " + commitTime) + ")";
    }

    /** A property the build did not fill in (no git, plain IDE build) reads as absent, not as "${...}". */
    private static String value(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() || v.contains("${") ? null : v.trim();
    }
}
