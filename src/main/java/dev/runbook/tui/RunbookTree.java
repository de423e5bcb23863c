package dev.runbook.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import dev.runbook.run.StepState;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The runbook as a tree: section headings, and under each its steps with a one-column status mark
 * ({@code ✓ ✗ > - ~ ·}) and a {@code ▸} before the selected one, so it reads without colour; the row of the point
 * of no return (the engine change, after which the way back is a snapshot restore into a new group) ends in
 * {@code ⚑ no return}. Only steps are
 * selectable; the view scrolls to keep the selection visible. The selection is the {@link RunController}'s;
 * the tree only draws it. GUI thread only.
 */
public final class RunbookTree extends AbstractComponent<RunbookTree> {
    private final List<Runbook.Entry> entries;
    private final Function<String, StepState> states;
    private final IntSupplier selected;
    private final String pointOfNoReturn;
    private int top;

    public RunbookTree(List<Runbook.Entry> entries, Function<String, StepState> states, IntSupplier selected) {
        this(entries, states, selected, null);
    }

    /** {@code pointOfNoReturn}: the key of the step to mark, or null. */
    public RunbookTree(List<Runbook.Entry> entries, Function<String, StepState> states, IntSupplier selected,
                       String pointOfNoReturn) {
        this.entries = List.copyOf(entries);
        this.states = states;
        this.selected = selected;
        this.pointOfNoReturn = pointOfNoReturn;
    }

    /** The rows as drawn, without selection or scrolling: "Pre-check", " ✓ describe-group". */
    public List<String> rows() {
        List<String> rows = new ArrayList<>();
        Section last = null;
        for (Runbook.Entry e : entries) {
            if (e.section() != last) {
                rows.add(heading(e.section()));
                last = e.section();
            }
            rows.add(" " + states.apply(e.key()).status().mark() + " " + e.step().id()
                    + (e.key().equals(pointOfNoReturn) ? " " + BudgetClock.MARK + " no return" : ""));
        }
        return rows;
    }

    private int rowOfSelected() {
        int row = 0;
        int selected = this.selected.getAsInt();
        Section last = null;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).section() != last) {
                row++;
                last = entries.get(i).section();
            }
            if (i == selected) {
                return row;
            }
            row++;
        }
        return row;
    }

    static String heading(Section s) {
        return s.title() + (s.kind() == Section.Kind.ROLLBACK ? " (on demand: b)" : "");
    }

    @Override
    protected ComponentRenderer<RunbookTree> createDefaultRenderer() {
        return new ComponentRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(RunbookTree tree) {
                List<String> rows = tree.rows();
                int width = rows.stream().mapToInt(TerminalTextUtils::getColumnWidth).max().orElse(10) + 1;
                return new TerminalSize(width, rows.size());
            }

            @Override
            public void drawComponent(TextGUIGraphics g, RunbookTree tree) {
                int width = g.getSize().getColumns();
                int height = Math.max(1, g.getSize().getRows());
                List<String> rows = tree.rows();
                int sel = tree.rowOfSelected();
                // keep the selection and, when there is room, its section heading in view
                if (sel < top + 1) {
                    top = Math.max(0, sel - 1);
                } else if (sel >= top + height) {
                    top = sel - height + 1;
                }
                top = Math.max(0, Math.min(top, Math.max(0, rows.size() - height)));
                g.fill(' ');
                for (int r = 0; r < height && top + r < rows.size(); r++) {
                    int i = top + r;
                    boolean isSelected = i == sel;
                    boolean isHeading = !rows.get(i).startsWith(" ");
                    g.disableModifiers(SGR.BOLD, SGR.REVERSE);
                    if (isSelected) {
                        g.enableModifiers(SGR.REVERSE);
                    } else if (isHeading) {
                        g.enableModifiers(SGR.BOLD);
                    }
                    String text = isSelected ? "▸" + rows.get(i).substring(1) : rows.get(i);
                    g.putString(0, r, TerminalTextUtils.fitString(text, width));
                }
                g.disableModifiers(SGR.BOLD, SGR.REVERSE);
            }
        };
    }
}
