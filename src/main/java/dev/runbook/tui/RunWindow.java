package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Borders;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.input.KeyStroke;
import dev.runbook.run.Confirmer;
import dev.runbook.runbook.Runbook;
import java.util.List;
import java.util.function.Consumer;

/**
 * The run screen's widgets and dialogs: the runbook tree, the selected step, the log and the status bar, each
 * placed by its role ({@link RunLayout.Part}) over the whole terminal, and the dialogs its
 * {@link RunController} asks for, sized to the terminal. It holds no state of the run: every key goes to the
 * controller, every widget draws what the controller says. A new panel is a widget added here with its part.
 */
public final class RunWindow extends BasicWindow implements RunView {
    private final RunController controller;
    private final WindowBasedTextGUI gui;
    private final TextPane stepPane;
    private final TextPane logPane;
    private final GuiConfirmer confirmer;

    public RunWindow(RunController controller, WindowBasedTextGUI gui) {
        super("valkey-runbook");
        this.controller = controller;
        this.gui = gui;
        setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS));
        RunbookTree tree = new RunbookTree(controller.run().runbook().entries(), controller.run()::state,
                controller::selectedIndex, controller.pointOfNoReturn().map(Runbook.Entry::key).orElse(null));
        stepPane = new TextPane(controller::stepLines, false);
        logPane = new TextPane(controller.log()::lines, true);
        Panel panel = new Panel(new RunLayout());
        panel.addComponent(tree.withBorder(Borders.singleLine("Runbook")), RunLayout.Part.TREE);
        panel.addComponent(stepPane.withBorder(Borders.singleLine("Step")), RunLayout.Part.STEP);
        panel.addComponent(logPane.withBorder(Borders.singleLine("Log")), RunLayout.Part.LOG);
        panel.addComponent(new StatusBar(controller::statusLine), RunLayout.Part.STATUS);
        setComponent(panel);
        confirmer = new GuiConfirmer(gui, controller.run().info().operator(), controller::quit);
        controller.attach(this);
    }

    @Override
    public boolean handleInput(KeyStroke key) {
        controller.key(key);
        return true;   // the screen has no other focusable parts
    }

    @Override
    public Confirmer confirmer() {
        return confirmer;
    }

    @Override
    public void read(String title, List<Line> lines, Runnable closed) {
        show(new TextDialog(title, lines, dialogSize()), x -> closed.run());
    }

    @Override
    public void changeRefused(Runbook.Entry entry, String why) {
        show(Questions.refused(entry, why, dialogWidth()), x -> { });
    }

    @Override
    public void askWhySkip(Runbook.Entry entry, Consumer<String> reason) {
        show(Questions.skip(entry, dialogWidth()), reason);
    }

    @Override
    public void askWhyAbort(Consumer<String> reason) {
        show(Questions.abort(dialogWidth()), reason);
    }

    /** Not through {@link #show}: Ctrl-C in the quit question itself has nothing further to ask. */
    @Override
    public void askToQuit(Runbook.Entry running, boolean confirming, Consumer<Boolean> yes) {
        AskDialog d = Questions.quit(running, confirming, controller.run().environment().replicationGroupId(),
                dialogWidth());
        d.onDecision(yes);
        gui.addWindow(d);
    }

    @Override
    public boolean confirmationOpen() {
        return gui.getWindows().stream().anyMatch(w -> w instanceof ConfirmDialog);
    }

    @Override
    public boolean confirmationOnTop() {
        return gui.getActiveWindow() instanceof ConfirmDialog || gui.getActiveWindow() instanceof DriftDialog
                || gui.getActiveWindow() instanceof BudgetDialog;
    }

    @Override
    public void pageStep(int direction) {
        stepPane.page(direction);
    }

    @Override
    public void scrollLog(int lines) {
        logPane.scrollBy(lines);
    }

    @Override
    public void pageLog(int direction) {
        logPane.page(direction);
    }

    @Override
    public void stepSelected() {
        stepPane.reset();
    }

    /** A dialog over the screen; Ctrl-C in it asks whether to quit. */
    private <T> void show(DecisionDialog<T> dialog, Consumer<T> decided) {
        dialog.onDecision(decided);
        dialog.onInterrupt(controller::quit);
        gui.addWindow(dialog);
    }

    private int dialogWidth() {
        return Math.max(30, Math.min(70, gui.getScreen().getTerminalSize().getColumns() - 10));
    }

    private TerminalSize dialogSize() {
        TerminalSize s = gui.getScreen().getTerminalSize();
        return new TerminalSize(Math.max(30, Math.min(100, s.getColumns() - 8)), Math.max(5, s.getRows() - 8));
    }
}
