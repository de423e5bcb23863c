package dev.runbook.report.picture;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link Timeline} as {@code timeline.svg}: a row per step with a bar per attempt (colour and a text
 * mark per outcome), the maintenance window as a shaded band, outages as red bands across every row, the point
 * of no return and drills/resumes as labelled vertical lines, a UTC time axis and a legend. 1200 user units
 * wide; readable on screen at that width and in print (black text, marks that do not need colour).
 */
final class TimelineSvg {
    static final int WIDTH = 1200;
    private static final int LABELS = 280;
    private static final int RIGHT = 40;
    private static final int TOP = 64;
    private static final int ROW = 20;
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final long[] TICK_MINUTES = {1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440};

    private TimelineSvg() {
    }

    static String render(Timeline t, String title) {
        Map<String, List<Timeline.Bar>> rows = new LinkedHashMap<>();
        t.bars().forEach(b -> rows.computeIfAbsent(b.step(), k -> new ArrayList<>()).add(b));
        int height = TOP + Math.max(rows.size(), 1) * ROW + 70;
        Svg svg = new Svg(WIDTH, height, title);
        svg.rect(0, 0, WIDTH, height, "#ffffff", null, null);
        svg.text(10, 22, title, "start", "bold", "#000000");
        Axis axis = new Axis(t.start(), t.end().isAfter(t.start()) ? t.end() : t.start().plusSeconds(60));
        double bottom = TOP + rows.size() * ROW;
        for (Timeline.Span w : t.windows()) {
            svg.rect(axis.x(w.from()), TOP - 6, axis.x(w.to()) - axis.x(w.from()), bottom - TOP + 12, "#e8f5e9",
                    "#66bb6a", w.label());
            svg.text(Math.max(axis.x(w.from()), LABELS) + 4, TOP - 10, "window opens " + HHMM.format(w.from()),
                    "start", null, "#1b5e20");
        }
        for (Timeline.Span o : t.outages()) {
            svg.rect(axis.x(o.from()), TOP - 6, axis.x(o.to()) - axis.x(o.from()), bottom - TOP + 12, "#ffcdd2",
                    "#c62828", o.label());
        }
        for (Timeline.Span u : t.unmeasured()) {
            svg.rect(axis.x(u.from()), TOP - 6, axis.x(u.to()) - axis.x(u.from()), bottom - TOP + 12, "#eeeeee",
                    "#616161", u.label());
            svg.text(axis.x(u.from()) + 3, bottom + 42, "? not measured", "start", null, "#424242");
        }
        ticks(svg, axis, bottom);
        int i = 0;
        for (Map.Entry<String, List<Timeline.Bar>> row : rows.entrySet()) {
            double y = TOP + i++ * ROW;
            svg.text(LABELS - 8, y + 14, row.getKey(), "end", null, "#000000");
            for (Timeline.Bar b : row.getValue()) {
                double x = axis.x(b.from());
                double w = Math.max(axis.x(b.to()) - x, 2);
                String tip = b.step() + ": " + b.ending().word + (b.attempt() > 1 ? " (attempt " + b.attempt() + ")" : "")
                        + ", " + HHMM.format(b.from()) + "–" + HHMM.format(b.to()) + " UTC, "
                        + human(Duration.between(b.from(), b.to()));
                svg.rect(x, y + 4, w, ROW - 8, b.ending().colour, "#000000", tip);
                svg.text(x + w + 3, y + 14, b.ending().mark + (b.attempt() > 1 ? b.attempt() : ""), "start", "bold",
                        "#000000");
            }
        }
        t.pointOfNoReturn().ifPresent(p -> vertical(svg, axis.x(p), bottom, "point of no return", "#000000", "6 3"));
        int k = 0;
        for (Timeline.Mark m : t.marks()) {
            vertical(svg, axis.x(m.at()), bottom, m.label(), "#6a1b9a", "2 2");
            svg.text(axis.x(m.at()) + 3, bottom + 30 + (k++ % 2) * 12, "▲ " + m.label(), "start", null, "#4a148c");
        }
        legend(svg, height - 14);
        return svg.done();
    }

    private static void vertical(Svg svg, double x, double bottom, String label, String colour, String dash) {
        svg.line(x, TOP - 20, x, bottom + 6, colour, 1.5, dash);
        svg.text(x + 3, TOP - 24, label, "start", "bold", colour);
    }

    private static void ticks(Svg svg, Axis axis, double bottom) {
        long span = Math.max(1, Duration.between(axis.from, axis.to).toMinutes());
        long step = TICK_MINUTES[TICK_MINUTES.length - 1];
        for (long m : TICK_MINUTES) {
            if (span / m <= 10) {
                step = m;
                break;
            }
        }
        long stepSeconds = step * 60;
        Instant tick = Instant.ofEpochSecond((axis.from.getEpochSecond() / stepSeconds + 1) * stepSeconds);
        svg.line(LABELS, bottom + 6, WIDTH - RIGHT, bottom + 6, "#000000", 1, null);
        for (; !tick.isAfter(axis.to); tick = tick.plusSeconds(stepSeconds)) {
            double x = axis.x(tick);
            svg.line(x, TOP - 6, x, bottom + 10, "#bdbdbd", 0.5, null);
            svg.text(x, bottom + 20, HHMM.format(tick), "middle", null, "#000000");
        }
        svg.text(WIDTH - RIGHT, bottom + 20, "UTC", "end", null, "#000000");
    }

    private static void legend(Svg svg, double y) {
        double x = 10;
        for (Timeline.Ending e : Timeline.Ending.values()) {
            svg.rect(x, y - 10, 12, 12, e.colour, "#000000", null);
            svg.text(x + 16, y, e.mark + " " + e.word, "start", null, "#000000");
            x += 40 + e.word.length() * 7;
        }
        svg.rect(x, y - 10, 12, 12, "#ffcdd2", "#c62828", null);
        svg.text(x + 16, y, "outage (downtime probe)", "start", null, "#000000");
        x += 170;
        svg.rect(x, y - 10, 12, 12, "#eeeeee", "#616161", null);
        svg.text(x + 16, y, "not measured", "start", null, "#000000");
        x += 100;
        svg.rect(x, y - 10, 12, 12, "#e8f5e9", "#66bb6a", null);
        svg.text(x + 16, y, "maintenance window", "start", null, "#000000");
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }

    /** Maps instants to x between the label column and the right margin. */
    private record Axis(Instant from, Instant to) {
        double x(Instant t) {
            double f = (double) Duration.between(from, t).toMillis() / Duration.between(from, to).toMillis();
            return LABELS + Math.max(0, Math.min(1, f)) * (WIDTH - LABELS - RIGHT);
        }
    }
}
