package dev.runbook.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.runbook.config.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        Duration dryRunMaxAge,
        LeaseSettings lease,
        RehearsalEngines engines,
        int fullCompareMax,
        Estimates estimates,
        Duration rehearsalStartOffset,
        Duration cleanupGracePeriod,
        Config effective) {

    public static final String ROOT = "runbook";
    /** Where a rehearsal's clock starts by default: 20 minutes before the next maintenance window opens. */
    public static final Duration DEFAULT_START_OFFSET = Duration.ofMinutes(-20);

    /** The clean-up runbook's grace period when settings are made in code (reference.conf says the same). */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofDays(14);

    /** The longest grace period the settings accept: ten years, beyond which it is a typo, not a policy. */
    static final Duration MAX_GRACE_PERIOD = Duration.ofDays(3650);

    /** Settings made in code (tests): their effective configuration is empty. */
    public Settings(Path file, String region, String profile, String runsDir, Map<String, Environment> environments,
                    Prices prices, Thresholds thresholds, Waits waits, int rehearsalSpeed,
                    Duration dryRunMaxAge, LeaseSettings lease, RehearsalEngines engines,
                    int fullCompareMax) {
        this(file, region, profile, runsDir, environments, prices, thresholds, waits, rehearsalSpeed, dryRunMaxAge,
                lease, engines, fullCompareMax, Estimates.DEFAULTS, DEFAULT_START_OFFSET, DEFAULT_GRACE_PERIOD,
                ConfigFactory.empty());
    }

    /** Loads settings from {@code file} (must exist) over the defaults, with -D overrides on top. */
    public static Settings load(Path file) {
        return load(file, true);
    }

    /**
     * Loads the effective settings a run recorded in its folder ({@link #effectiveText}) exactly as they are:
     * no {@code -D} overrides on top, so a resumed run keeps the settings it started with.
     */
    public static Settings loadRecorded(Path file) {
        return load(file, false);
    }

    private static Settings load(Path file, boolean withOverrides) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("settings file not found: " + file.toAbsolutePath().normalize()
                    + " (looked for application.conf in the working directory; pass --config FILE)");
        }
        Config merged;
        try {
            Config app = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            Config reference = ConfigFactory.parseResources(Settings.class.getClassLoader(), "reference.conf");
            Config overrides = withOverrides && ConfigFactory.systemProperties().hasPath(ROOT)
                    ? ConfigFactory.systemProperties().withOnlyPath(ROOT) : ConfigFactory.empty();
            merged = overrides.withFallback(app).withFallback(reference).resolve();
            merged.checkValid(reference, ROOT);
        } catch (ConfigException.ValidationFailed e) {
            ConfigException.ValidationProblem p = e.problems().iterator().next();
            throw new InvalidInputException(Origins.where(p.origin()) + ": " + p.path() + ": " + p.problem(), e);
        } catch (ConfigException e) {
            throw Includes.error(file, e);
        }
        return read(file, merged);
    }

    /**
     * What is legal HOCON but probably not meant, for the operator to read: an environment defined in more than
     * one block of the file (HOCON merges them silently, the later values winning), and an include that finds
     * nothing. Each names the file's lines.
     */
    public static List<String> warnings(Path file) {
        List<String> warnings = new ArrayList<>();
        Config app;
        try {
            app = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            return warnings;   // load() has said what is wrong
        }
        String envs = ROOT + ".environments";
        if (app.hasPath(envs) && app.getValue(envs) instanceof com.typesafe.config.ConfigObject o) {
            for (String name : new TreeSet<>(o.keySet())) {
                // a merged object's origin spans the blocks it came from: "application.conf: 11-40"
                String d = o.get(name).origin().description();
                Matcher m = Pattern.compile(": (\\d+)-(\\d+)$").matcher(d);
                if (m.find()) {
                    warnings.add(file + ":" + m.group(1) + " and " + file + ":" + m.group(2) + ": environment '" + name
                            + "' is defined more than once; HOCON merges the blocks and the later values win: keep one");
                }
            }
        }
        warnings.addAll(Includes.silentlyMissing(file));
        return warnings;
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
        refuseSharedGroups(envs, environments, root.strings("shared-replication-groups"));
        Prices prices = Prices.read(root.object("prices"));
        Thresholds thresholds = Thresholds.read(root.object("thresholds"));
        Waits waits = Waits.read(root.object("waits"));
        ConfigReader rehearsal = root.object("rehearsal");
        int speed = rehearsal.integer("speed", 1, 100_000);
        RehearsalEngines engines = RehearsalEngines.read(rehearsal.object("engines"));
        Duration startOffset = rehearsal.signedDuration("start-offset");
        if (startOffset.abs().compareTo(Duration.ofDays(7)) >= 0) {
            throw rehearsal.fail("start-offset", rehearsal.string("start-offset") + " is a week or more: the window"
                    + " comes back every week (e.g. -20m before it opens, or 100m after)");
        }
        rehearsal.rejectUnknown();
        Estimates estimates = Estimates.read(root.object("estimates"));
        ConfigReader fingerprint = root.object("fingerprint");
        int fullCompareMax = fingerprint.integer("full-compare-max", 0, 100_000_000);
        fingerprint.rejectUnknown();
        LeaseSettings lease = LeaseSettings.read(root.object("lease"));
        ConfigReader dryRun = root.object("dry-run");
        Duration maxAge = dryRun.duration("max-age");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw dryRun.fail("max-age", "must be longer than 0 (e.g. 7d)");
        }
        dryRun.rejectUnknown();
        ConfigReader cleanup = root.object("cleanup");
        Duration grace = cleanup.duration("grace-period");
        if (grace.compareTo(MAX_GRACE_PERIOD) > 0) {
            throw cleanup.fail("grace-period", grace.toDays() + "d is longer than 3650d (ten years): check the unit"
                    + " (e.g. 14d)");
        }
        cleanup.rejectUnknown();
        String runsDir = root.string("runs-dir");
        if (runsDir.isBlank()) {
            throw root.fail("runs-dir", "an empty path is not a folder; name one (the default is \"runs\")");
        }
        Settings settings = new Settings(file, region, profile, runsDir,
                Collections.unmodifiableMap(environments),
                prices, thresholds, waits, speed, maxAge, lease, engines, fullCompareMax, estimates, startOffset, grace,
                merged.getConfig(ROOT).atKey(ROOT));
        root.rejectUnknown();
        return settings;
    }

    /**
     * Two environments that name the same replication group would migrate one group twice (prod pointing at the
     * dev group: a "dev" rehearsal of production). Refused unless the group is listed in
     * {@code shared-replication-groups}, the settings' explicit word that this is intended.
     */
    private static void refuseSharedGroups(ConfigReader envs, Map<String, Environment> environments,
                                           List<String> allowed) {
        Map<String, String> firstUse = new LinkedHashMap<>();
        for (Environment env : environments.values()) {
            String other = firstUse.putIfAbsent(env.replicationGroupId(), env.name());
            if (other != null && !allowed.contains(env.replicationGroupId())) {
                throw envs.fail(env.name() + ".replication-group-id", "'" + env.replicationGroupId() + "' is also the"
                        + " replication group of environment '" + other + "' (" + Origins.where(envs.config(),
                        other + ".replication-group-id") + "): point each environment at its own group, or list the"
                        + " id in runbook.shared-replication-groups if sharing it is intended");
            }
        }
    }

    /**
     * The effective settings as HOCON (the file's values and {@code -D} overrides over the defaults), for the
     * run folder: the settings hold no secret, only the names of the variables or files that hold them.
     */
    public String effectiveText() {
        return effective.root().render(com.typesafe.config.ConfigRenderOptions.defaults().setOriginComments(false)
                .setComments(false).setJson(false));
    }

    /**
     * Every key whose value differs between these settings and {@code other}, as
     * {@code key: <this> here, <other> there} (a key only one side has reads "not set"), in key order.
     */
    public List<String> differencesFrom(Settings other, String here, String there) {
        Map<String, String> mine = flat(effective);
        Map<String, String> theirs = flat(other.effective);
        TreeSet<String> keys = new TreeSet<>(mine.keySet());
        keys.addAll(theirs.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            String a = mine.getOrDefault(k, "not set");
            String b = theirs.getOrDefault(k, "not set");
            if (!a.equals(b)) {
                out.add(k + ": " + a + " " + here + ", " + b + " " + there);
            }
        }
        return out;
    }

    private static Map<String, String> flat(Config c) {
        Map<String, String> out = new TreeMap<>();
        c.entrySet().forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
        return out;
    }

    /** The named environment, or the operator's error {@code unknown environment 'x' (known: dev, prod)}. */
    public Environment environment(String name) {
        Environment env = environments.get(name);
        if (env == null) {
            throw new InvalidInputException("unknown environment '" + name + "' (known: "
                    + String.join(", ", List.copyOf(new TreeSet<>(environments.keySet()))) + ")");
        }
        return env;
    }
}
