package dev.runbook.tui;

import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import dev.runbook.run.RunListener;
import dev.runbook.run.StepState;

/** Hears the run on its worker thread and re-posts every event to the GUI thread, where the controller lives. */
final class TuiListener implements RunListener {
    private final WindowBasedTextGUI gui;
    private final RunController controller;

    TuiListener(WindowBasedTextGUI gui, RunController controller) {
        this.gui = gui;
        this.controller = controller;
    }

    @Override
    public void stepChanged(StepState state) {
        gui.getGUIThread().invokeLater(() -> controller.stepChanged(state));
    }

    @Override
    public void log(String line) {
        gui.getGUIThread().invokeLater(() -> controller.note(line));
    }

    @Override
    public void status(String line) {
        gui.getGUIThread().invokeLater(() -> controller.progress(line));
    }
}
