package dev.runbook.action.terraform;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The fake terraform script in test resources, made executable, and Terraform roots for its scenarios. */
final class FakeTerraform {
    private FakeTerraform() {
    }

    static Path script() {
        try {
            Path script = Path.of(FakeTerraform.class.getResource("/terraform/fake-terraform").toURI());
            if (!script.toFile().canExecute() && !script.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + script + " executable");
            }
            return script;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A runner of the fake with short timeouts: 5s for quick calls and plan, {@code apply} for apply. */
    static ProcessTerraform runner(Duration plan, Duration apply) {
        return new ProcessTerraform(script().toString(), Duration.ofSeconds(10), plan, apply, Duration.ofSeconds(2));
    }

    static ProcessTerraform runner() {
        return runner(Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /** A Terraform root under {@code parent} whose calls play {@code scenario}. */
    static Path root(Path parent, String scenario) throws IOException {
        Path dir = Files.createDirectories(parent.resolve("envs-" + scenario));
        Files.writeString(dir.resolve("scenario"), scenario);
        return dir;
    }

    static String fixture(String name) throws IOException {
        return Files.readString(script().resolveSibling(name));
    }
}
