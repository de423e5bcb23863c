package dev.runbook.aws.engines;

import dev.runbook.config.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One engine binary the rehearsal will start: where it is and which version it reported. Found from the settings
 * ({@code rehearsal.engines.redis-server}) or PATH, and checked before anything starts: the wrong major version is
 * refused (Redis must be 7.0.x: the rollback trap only shows with it); another Valkey 8.x runs with a warning.
 */
public record EngineBinary(EngineKind kind, Path path, String version, Optional<String> warning) {
    private static final Pattern VERSION = Pattern.compile("\\bv=(\\d+\\.\\d+\\.\\d+)");

    /** The binary for {@code kind}: {@code configured} (may be blank) else the first on {@code pathVariable}. */
    public static EngineBinary locate(EngineKind kind, String configured, String pathVariable) {
        Path path = configured == null || configured.isBlank() ? onPath(kind.binary(), pathVariable)
                .orElseThrow(() -> missing(kind, kind.binary() + " is not on PATH")) : Path.of(configured);
        if (!Files.isExecutable(path)) {
            throw missing(kind, path + " (" + kind.settingsKey() + ") is not an executable file");
        }
        String version = version(kind, path);
        if (!version.startsWith(kind.expected() + ".")) {
            String major = kind.expected().substring(0, kind.expected().indexOf('.') + 1);
            if (kind == EngineKind.VALKEY && version.startsWith(major)) {
                return new EngineBinary(kind, path, version, Optional.of("the rehearsal ran Valkey " + version
                        + " but the runbook migrates to Valkey " + kind.expected() + ": its target differs"));
            }
            throw new InvalidInputException(path + " reports version " + version + " but the rehearsal needs "
                    + kind.word() + " " + kind.expected() + ".x: " + kind.install() + ", or set " + kind.settingsKey());
        }
        return new EngineBinary(kind, path, version, Optional.empty());
    }

    private static InvalidInputException missing(EngineKind kind, String why) {
        return new InvalidInputException("--real-engines needs " + kind.word() + " " + kind.expected() + ": " + why
                + "; install it (" + kind.install() + ") or set " + kind.settingsKey() + " to its path");
    }

    static Optional<Path> onPath(String name, String pathVariable) {
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                Path candidate = dir.isEmpty() ? null : Path.of(dir, name);
                if (candidate != null && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String version(EngineKind kind, Path path) {
        try {
            Process p = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                throw new InvalidInputException(path + " --version did not print a version (" + out.strip()
                        + "): set " + kind.settingsKey() + " to a " + kind.word() + " " + kind.expected() + " binary");
            }
            return m.group(1);
        } catch (IOException e) {
            throw missing(kind, path + " cannot be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("interrupted while checking " + path);
        }
    }

    /** "redis-server 7.0.15 (/usr/bin/redis-server)". */
    public String describe() {
        return kind.binary() + " " + version + " (" + path + ")";
    }
}
