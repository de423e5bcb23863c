package dev.runbook.config;

import java.nio.file.Path;

/** The project's own application.conf, as tests use it. */
public final class TestSettings {
    private TestSettings() {
    }

    public static Settings load() {
        return Settings.load(Path.of("application.conf"));
    }
}
