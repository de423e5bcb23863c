package dev.runbook.action;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.runbook.config.ConfigReader;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A step's {@code with { ... }} parameters, read by the action's factory. Every error names the runbook's
 * file:line and the key; a key the action did not read is an error (see {@link #finish()}).
 */
public final class Params {
    private final ConfigReader reader;

    public Params(Config with, String stepKey) {
        this.reader = new ConfigReader(with, stepKey + ".with");
    }

    public static Params empty() {
        return new Params(ConfigFactory.empty(), "test");
    }

    public String string(String key) {
        return reader.string(key);
    }

    public String string(String key, String fallback) {
        return reader.string(key, fallback);
    }

    public String oneOf(String key, List<String> allowed) {
        return reader.oneOf(key, allowed);
    }

    public String matching(String key, Pattern pattern, String what) {
        return reader.matching(key, pattern, what);
    }

    public boolean bool(String key, boolean fallback) {
        return reader.has(key) ? reader.bool(key) : fallback;
    }

    public int integer(String key, int min, int max, int fallback) {
        return reader.has(key) ? reader.integer(key, min, max) : fallback;
    }

    public Duration duration(String key, Duration fallback) {
        return reader.duration(key, fallback);
    }

    public List<String> strings(String key, List<String> fallback) {
        return reader.has(key) ? reader.strings(key) : fallback;
    }

    /** An invalid-input error at this key's file:line. */
    public RuntimeException invalid(String key, String what) {
        return reader.fail(key, what);
    }

    /** Accepts every parameter as read: for stand-in actions that take any parameters (test fakes). */
    public void acceptAll() {
        reader.acceptAll();
    }

    /** Fails on the first parameter the action did not read: a misspelt key is an error, never ignored. */
    public void finish() {
        reader.rejectUnknown();
    }
}
