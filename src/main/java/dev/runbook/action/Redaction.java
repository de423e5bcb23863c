package dev.runbook.action;

import java.util.regex.Pattern;

/**
 * The one function every preview, log line, journal entry and report goes through: hides secrets that the SDK
 * and tools print in clear (an {@code AuthToken=} in a request's toString, a password on a command line).
 */
public final class Redaction {
    public static final String MASK = "****";
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:auth[-_]?token|authtoken|password|passwd|secret(?:[-_]?access)?[-_]?key|session[-_]?token|requirepass)"
                    + "\\s*[=:]\\s*\"?)([^\\s,)\"}]+)");
    private static final Pattern FLAG = Pattern.compile("(?i)((?:-a|--pass|--auth-token|--password|--user-pass)\\s+)(\\S+)");
    private static final Pattern AUTH_CMD = Pattern.compile("(\\bAUTH\\s+(?:\\S+\\s+)?)(\\S+)");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String t = KEY_VALUE.matcher(text).replaceAll("$1" + MASK);
        t = FLAG.matcher(t).replaceAll("$1" + MASK);
        return AUTH_CMD.matcher(t).replaceAll("$1" + MASK);
    }
}
