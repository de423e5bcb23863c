package dev.runbook.action.dataplane;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code INFO keyspace} lines such as {@code db0:keys=12,expires=3,avg_ttl=0} into counts per database. */
public final class Keyspace {
    private static final Pattern LINE = Pattern.compile("^db(\\d+):keys=(\\d+),expires=(\\d+).*$");

    /** The number of keys of one database and how many of them carry an expiry. */
    public record Db(long keys, long expires) {
    }

    private Keyspace() {
    }

    public static Map<Integer, Db> parse(String info) {
        Map<Integer, Db> dbs = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            Matcher m = LINE.matcher(line.trim());
            if (m.matches()) {
                dbs.put(Integer.parseInt(m.group(1)), new Db(Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
            }
        }
        return dbs;
    }
}
