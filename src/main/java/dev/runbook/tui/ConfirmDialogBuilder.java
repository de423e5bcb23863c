package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TerminalTextUtils;
import dev.runbook.action.Preview;
import dev.runbook.run.ConfirmRequest;
import dev.runbook.runbook.Confirm;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link ConfirmDialog} that fits the screen: what will change and on which group first, the exact
 * requests next (cut when the screen is short — the step pane shows them whole), then the keys to answer.
 */
public final class ConfirmDialogBuilder {
    private final ConfirmRequest request;
    private String operator = "operator";
    private int columns = 80;
    private int rows = 24;

    public ConfirmDialogBuilder(ConfirmRequest request) {
        this.request = request;
    }

    public ConfirmDialogBuilder operator(String operator) {
        this.operator = operator;
        return this;
    }

    /** The screen size the dialog must fit in. */
    public ConfirmDialogBuilder screen(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
        return this;
    }

    public ConfirmDialog build() {
        int width = Math.max(30, Math.min(90, columns - 8));
        int maxLines = Math.max(4, rows - 10);
        Preview p = request.preview();
        List<String> head = new ArrayList<>();
        wrap(head, width, request.mode().label() + " on " + request.environment() + ": "
                + request.entry().step().title());
        wrap(head, width, "Target group: " + request.target());
        wrap(head, width, "Will do: " + p.summary());
        List<String> tail = new ArrayList<>();
        for (String w : p.warnings()) {
            wrap(tail, width, "! " + w);
        }
        tail.add("");
        if (request.kind() == Confirm.TYPE_ID) {
            wrap(tail, width, "Type " + request.target() + " and Enter to go ahead; Esc = not now");
        } else {
            tail.add("y = go ahead    n / Esc = not now");
        }
        List<String> requests = new ArrayList<>();
        for (String r : p.requests()) {
            requests.addAll(Wrap.chars(width, "Request: " + r));
        }
        requests = fit(requests, maxLines - head.size() - tail.size(), "… (the whole request is in the step pane)");
        List<String> body = new ArrayList<>(head);
        body.addAll(requests);
        body.addAll(tail);
        return new ConfirmDialog(request, operator, body, width, minimum(body, request.kind() == Confirm.TYPE_ID));
    }

    /**
     * The smallest terminal that shows the whole body, the keys and the typed-id box with the dialog's border:
     * below it the operator could not see what {@code y} would send, so the dialog refuses to take it.
     */
    static TerminalSize minimum(List<String> body, boolean typeId) {
        int columns = 0;
        for (String line : body) {
            columns = Math.max(columns, TerminalTextUtils.getColumnWidth(line));
        }
        // border (2 columns, 2 rows); the message line; the typed-id box
        return new TerminalSize(columns + 2, body.size() + 2 + 1 + (typeId ? 1 : 0));
    }

    /** {@code lines} cut to {@code room} lines, the last one saying where the rest is. */
    static List<String> fit(List<String> lines, int room, String rest) {
        if (lines.size() <= room) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, Math.max(0, room - 1)));
        out.add(rest);
        return out;
    }

    static void wrap(List<String> out, int width, String text) {
        out.addAll(Wrap.words(width, text));
    }
}
