package dev.runbook.config;

import com.typesafe.config.ConfigException;
import dev.runbook.config.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code include} statements of a HOCON file and whether they find anything. typesafe-config ignores a
 * plain {@code include "x.conf"} that finds nothing (so a misspelt name silently drops the settings it was
 * meant to add), and reports a missing {@code include required(...)} without the including file's line; this
 * gives both a {@code file:line}.
 */
public final class Includes {
    private static final Pattern INCLUDE = Pattern.compile(
            "^\\s*include\\s+(required\\(\\s*)?(?:(file|classpath|url)\\(\\s*)?\"([^\"]+)\"");

    /** One include statement: where it is, what it names, and whether it must exist. */
    public record Include(int line, String target, boolean required, String kind, String text) {
    }

    private Includes() {
    }

    /** Every include statement of {@code file}, in order. */
    public static List<Include> of(Path file) {
        List<Include> found = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return found;
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = INCLUDE.matcher(lines.get(i));
            if (m.find()) {
                found.add(new Include(i + 1, m.group(3), m.group(1) != null, m.group(2) == null ? "" : m.group(2),
                        m.group().trim() + (m.group(1) != null ? ")" : "")));
            }
        }
        return found;
    }

    /** Whether an include finds something the way typesafe-config looks: next to the file, then on the classpath. */
    static boolean resolves(Path file, Include include) {
        if (include.kind().equals("url")) {
            return true;   // not checked: it would need the network
        }
        if (!include.kind().equals("classpath")) {
            Path base = file.toAbsolutePath().getParent();
            Path candidate = base == null ? Path.of(include.target()) : base.resolve(include.target());
            if (Files.exists(candidate) || Files.exists(Path.of(include.target()))) {
                return true;
            }
            if (include.kind().equals("file")) {
                return false;
            }
        }
        return Includes.class.getClassLoader().getResource(include.target()) != null;
    }

    /** A warning for each plain include that finds nothing (HOCON goes on as if the line were not there). */
    public static List<String> silentlyMissing(Path file) {
        List<String> warnings = new ArrayList<>();
        for (Include i : of(file)) {
            if (!i.required() && !resolves(file, i)) {
                warnings.add(file + ":" + i.line() + ": " + i.text() + " finds no file, so it adds nothing (HOCON"
                        + " ignores a missing include; write include required(\"" + i.target() + "\") to make it an error)");
            }
        }
        return warnings;
    }

    /**
     * The operator's error for a config exception while parsing {@code file}: a required include that finds
     * nothing is named by the including file's line; anything else keeps its own origin.
     */
    public static InvalidInputException error(Path file, ConfigException e) {
        if (e instanceof ConfigException.IO) {
            for (Include i : of(file)) {
                if (i.required() && !resolves(file, i)) {
                    Path base = file.toAbsolutePath().getParent();
                    return new InvalidInputException(file + ":" + i.line() + ": " + i.text() + " finds no file"
                            + " (looked for " + (base == null ? Path.of(i.target()) : base.resolve(i.target()))
                            + (i.kind().equals("file") ? "" : " and on the classpath") + ")", e);
                }
            }
        }
        return Origins.error(e);
    }
}
