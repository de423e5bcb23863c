package dev.runbook.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.screen.Screen;
import dev.runbook.run.Run;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One run on one screen: the text GUI, the run window (widgets) and its controller (state), wired to the executors steps and
 * previews run on. Tests build it over a virtual terminal with executors they control; {@link RunbookTui}
 * over the real terminal with threads.
 */
public final class TuiSession {
    private final MultiWindowTextGUI gui;
    private final RunController controller;
    private final RunWindow window;

    public TuiSession(Run run, Screen screen, Executor worker, Executor previewer, Supplier<Instant> wall) {
        this.gui = new MultiWindowTextGUI(screen, new DefaultWindowManager(), new EmptySpace(TextColor.ANSI.DEFAULT));
        this.controller = new RunController(run, r -> gui.getGUIThread().invokeLater(r), worker, previewer, wall);
        this.window = new RunWindow(controller, gui);
        gui.addWindow(window);
    }

    public MultiWindowTextGUI gui() {
        return gui;
    }

    public RunController controller() {
        return controller;
    }

    public RunWindow window() {
        return window;
    }
}
