package dev.runbook.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.runbook.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator's settings, read eagerly and validated at start-up: {@code reference.conf} (defaults, inside the
 * jar) under {@code application.conf} (working directory or {@code --config}) under {@code -Drunbook.*}.
 * Every error names file:line and the key.
 */
public record Settings(
        Path file,
        String region,
        String profile,
        String runsDir,
        Map<String, Environment> environments,
        Prices prices,
        Thresholds thresholds,
        Waits waits,
        int rehearsalSpeed,
        java.time.Duration dryRunMaxAge) {

    public static final String ROOT = "runbook";

    /** Loads settings from {@code file} (must exist) over the defaults, with -D overrides on top. */
    public static Settings load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("settings file not found: " + file.toAbsolutePath().normalize()
                    + " (looked for application.conf in the working directory; pass --config FILE)");
        }
        Config merged;
        try {
            Config app = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            Config reference = ConfigFactory.parseResources(Settings.class.getClassLoader(), "reference.conf");
            Config overrides = ConfigFactory.systemProperties().hasPath(ROOT)
                    ? ConfigFactory.systemProperties().withOnlyPath(ROOT) : ConfigFactory.empty();
            merged = overrides.withFallback(app).withFallback(reference).resolve();
            merged.checkValid(reference, ROOT);
        } catch (ConfigException.ValidationFailed e) {
            ConfigException.ValidationProblem p = e.problems().iterator().next();
            throw new InvalidInputException(Origins.where(p.origin()) + ": " + p.path() + ": " + p.problem(), e);
        } catch (ConfigException e) {
            throw Origins.error(e);
        }
        return read(file, merged);
    }

    static Settings read(Path file, Config merged) {
        ConfigReader root = new ConfigReader(merged.getConfig(ROOT), ROOT);
        ConfigReader aws = root.object("aws");
        String region = aws.string("region");
        String profile = aws.string("profile");
        aws.rejectUnknown();
        ConfigReader envs = root.object("environments");
        Map<String, Environment> environments = new TreeMap<>();
        for (String name : envs.children().keySet()) {
            environments.put(name, Environment.read(name, envs.object(name)));
        }
        if (environments.isEmpty()) {
            throw root.fail("environments", "no environment is defined (expected at least one, e.g. dev)");
        }
        Prices prices = Prices.read(root.object("prices"));
        Thresholds thresholds = Thresholds.read(root.object("thresholds"));
        Waits waits = Waits.read(root.object("waits"));
        ConfigReader rehearsal = root.object("rehearsal");
        int speed = rehearsal.integer("speed", 1, 100_000);
        rehearsal.rejectUnknown();
        ConfigReader dryRun = root.object("dry-run");
        java.time.Duration maxAge = dryRun.duration("max-age");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw dryRun.fail("max-age", "must be longer than 0 (e.g. 7d)");
        }
        dryRun.rejectUnknown();
        Settings settings = new Settings(file, region, profile, root.string("runs-dir"),
                java.util.Collections.unmodifiableMap(environments),
                prices, thresholds, waits, speed, maxAge);
        root.rejectUnknown();
        return settings;
    }

    /** The named environment, or the operator's error {@code unknown environment 'x' (known: dev, prod)}. */
    public Environment environment(String name) {
        Environment env = environments.get(name);
        if (env == null) {
            throw new InvalidInputException("unknown environment '" + name + "' (known: "
                    + String.join(", ", List.copyOf(new java.util.TreeSet<>(environments.keySet()))) + ")");
        }
        return env;
    }
}
