package dev.runbook.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import dev.runbook.config.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads typed values from one config object, each error naming {@code file:line} and the key, and checks
 * that the object holds no key it was not asked for (a misspelt key is an error, never ignored).
 */
public final class ConfigReader {
    private final Config config;
    private final String prefix;
    private final Set<String> read = new TreeSet<>();

    public ConfigReader(Config config, String prefix) {
        this.config = config;
        this.prefix = prefix.isEmpty() || prefix.endsWith(".") ? prefix : prefix + ".";
    }

    public Config config() {
        return config;
    }

    public boolean has(String key) {
        read.add(first(key));
        return config.hasPath(key);
    }

    public String string(String key) {
        return get(key, () -> config.getString(key), "a string");
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    public String matching(String key, Pattern pattern, String what) {
        String value = string(key);
        if (!pattern.matcher(value).matches()) {
            throw fail(key, "'" + value + "' is not " + what);
        }
        return value;
    }

    public String oneOf(String key, List<String> allowed) {
        String value = string(key);
        if (!allowed.contains(value)) {
            throw fail(key, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    public boolean bool(String key) {
        return get(key, () -> config.getBoolean(key), "true or false");
    }

    public int integer(String key, int min, int max) {
        int value = get(key, () -> config.getInt(key), "a whole number");
        if (value < min || value > max) {
            throw fail(key, value + " is out of range " + min + "-" + max);
        }
        return value;
    }

    public double number(String key) {
        return get(key, () -> config.getDouble(key), "a number");
    }

    public Duration duration(String key) {
        Duration value = get(key, () -> config.getDuration(key), "a duration such as 30s, 10m or 1h");
        if (value.isNegative() || value.isZero()) {
            throw fail(key, "must be longer than zero");
        }
        return value;
    }

    /** A duration that may be zero or negative ("-20m"). */
    public Duration signedDuration(String key) {
        return get(key, () -> config.getDuration(key), "a duration such as -20m, 0s or 1h");
    }

    public Duration duration(String key, Duration fallback) {
        return has(key) ? duration(key) : fallback;
    }

    public List<String> strings(String key) {
        return get(key, () -> config.getStringList(key), "a list of strings");
    }

    public ConfigReader object(String key) {
        Config sub = get(key, () -> config.getConfig(key), "an object { ... }");
        return new ConfigReader(sub, prefix + key);
    }

    /** The object's own keys, each a child object, in file order is not kept by HOCON: sorted. */
    public Map<String, ConfigValue> children() {
        return new TreeMap<>(config.root());
    }

    /** Marks every key as read (for an action that takes any parameters). */
    public void acceptAll() {
        read.addAll(config.root().keySet());
    }

    /** Fails on the first key of this object that no read asked for. */
    public void rejectUnknown() {
        for (String key : new TreeSet<>(config.root().keySet())) {
            if (!read.contains(key)) {
                throw Origins.error(config, com.typesafe.config.ConfigUtil.quoteString(key),
                        "unknown key '" + prefix + key + "'");
            }
        }
    }

    public InvalidInputException fail(String key, String what) {
        return Origins.error(config, key, prefix + key + ": " + what);
    }

    private <T> T get(String key, Supplier<T> reader, String expected) {
        read.add(first(key));
        if (!config.hasPath(key)) {
            throw Origins.error(config, key, "missing key '" + prefix + key + "'");
        }
        try {
            return reader.get();
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            throw fail(key, "expected " + expected);
        }
    }

    private static String first(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }
}
