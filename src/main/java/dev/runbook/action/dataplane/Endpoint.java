package dev.runbook.action.dataplane;

import dev.runbook.config.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the cache answers: host, port and whether it speaks TLS. Holds no secret, so it may be printed.
 */
public record Endpoint(String host, int port, boolean tls) {
    private static final Pattern HOST_PORT = Pattern.compile("^([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:]+]):(\\d{1,5})$");

    /** Parses "host:port"; {@code what} names where the text came from for the error. */
    public static Endpoint parse(String text, boolean tls, String what) {
        Matcher m = HOST_PORT.matcher(text == null ? "" : text.trim());
        int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(what + ": '" + text
                    + "' is not HOST:PORT (e.g. my-cache.abc123.use1.cache.amazonaws.com:6379)");
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        return new Endpoint(host, port, tls);
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return address() + (tls ? " (TLS)" : "");
    }
}
