package dev.runbook.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Node prices per hour by node type and engine, with where they come from, so the report can compare the
 * monthly cost before and after against the guide's claim.
 */
public record Prices(String source, String currency, int hoursPerMonth, Map<String, Map<String, Double>> nodeHourly,
                     double backupGbMonth) {

    /** A table without a backup storage price (0 = not known: the clean-up report says so instead of $0). */
    public Prices(String source, String currency, int hoursPerMonth, Map<String, Map<String, Double>> nodeHourly) {
        this(source, currency, hoursPerMonth, nodeHourly, 0);
    }

    /** Monthly cost of keeping {@code gb} GB of manual snapshots, when the table names a backup storage price. */
    public Optional<Double> backupMonthly(double gb) {
        return backupGbMonth > 0 ? Optional.of(gb * backupGbMonth) : Optional.empty();
    }

    /** Monthly cost of {@code nodes} nodes of {@code nodeType} running {@code engine}, if the table has it. */
    public Optional<Double> monthly(String nodeType, String engine, int nodes) {
        Map<String, Double> byEngine = nodeHourly.get(nodeType);
        if (byEngine == null || !byEngine.containsKey(engine)) {
            return Optional.empty();
        }
        return Optional.of(byEngine.get(engine) * hoursPerMonth * nodes);
    }

    static Prices read(ConfigReader r) {
        String source = r.string("source");
        String currency = r.string("currency");
        int hours = r.integer("hours-per-month", 1, 744);
        ConfigReader table = r.object("node-hourly");
        Map<String, Map<String, Double>> hourly = new TreeMap<>();
        for (String nodeType : table.children().keySet()) {
            ConfigReader engines = table.object(com.typesafe.config.ConfigUtil.quoteString(nodeType));
            Map<String, Double> byEngine = new TreeMap<>();
            for (String engine : engines.children().keySet()) {
                double price = engines.number(engine);
                if (price < 0) {
                    throw engines.fail(engine, "a price cannot be negative");
                }
                byEngine.put(engine, price);
            }
            hourly.put(nodeType, Map.copyOf(byEngine));
        }
        double backup = r.number("backup-storage-gb-month");
        if (backup < 0) {
            throw r.fail("backup-storage-gb-month", "a price cannot be negative");
        }
        r.rejectUnknown();
        return new Prices(source, currency, hours, Map.copyOf(hourly), backup);
    }
}
