package dev.runbook.tui;

import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Borders;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;

/**
 * The run screen: the runbook tree, the selected step, the log and the status bar, laid out by
 * {@link RunLayout} over the whole terminal. Keys go through {@link RunKeys} to the {@link RunController}.
 */
public final class RunWindow extends BasicWindow {
    private final RunKeys keys;

    public RunWindow(RunController controller) {
        super("valkey-runbook");
        this.keys = new RunKeys(controller);
        setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS));
        Panel panel = new Panel(new RunLayout());
        panel.addComponent(controller.tree().withBorder(Borders.singleLine("Runbook")));
        panel.addComponent(controller.stepPane().withBorder(Borders.singleLine("Step")));
        panel.addComponent(controller.logPane().withBorder(Borders.singleLine("Log")));
        panel.addComponent(controller.statusBar());
        setComponent(panel);
        controller.onEnd(this::close);
    }

    @Override
    public boolean handleInput(KeyStroke key) {
        return keys.handle(key);
    }
}
