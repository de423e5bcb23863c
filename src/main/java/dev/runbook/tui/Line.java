package dev.runbook.tui;

/** One line of text a pane draws, with how it stands out (never by colour alone: headings and warnings carry text marks too). */
public record Line(String text, Style style) {
    /** How a line is drawn. */
    public enum Style { NORMAL, HEADING, WARNING }

    public static Line of(String text) {
        return new Line(text, Style.NORMAL);
    }

    public static Line heading(String text) {
        return new Line(text, Style.HEADING);
    }

    public static Line warning(String text) {
        return new Line(text, Style.WARNING);
    }
}
