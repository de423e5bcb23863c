package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import dev.runbook.run.BudgetRequest;
import dev.runbook.run.ConfirmRequest;
import dev.runbook.run.Confirmation;
import dev.runbook.run.Confirmer;
import dev.runbook.run.DriftRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The confirmer the TUI hands to a run. The run calls it on the worker thread: it posts a
 * {@link ConfirmDialog} to the GUI thread and blocks the worker (never the GUI) until the operator answers.
 * If the worker is interrupted (quit), the dialog is closed and the interrupt goes on.
 */
public final class GuiConfirmer implements Confirmer {
    private final WindowBasedTextGUI gui;
    private final String operator;
    private final Runnable interrupt;

    public GuiConfirmer(WindowBasedTextGUI gui, String operator) {
        this(gui, operator, () -> { });
    }

    /** {@code interrupt}: what Ctrl-C in the dialog does (the screen's quit question). */
    public GuiConfirmer(WindowBasedTextGUI gui, String operator, Runnable interrupt) {
        this.gui = gui;
        this.operator = operator;
        this.interrupt = interrupt;
    }

    @Override
    public Confirmation confirm(ConfirmRequest request) throws InterruptedException {
        return ask(size -> new ConfirmDialogBuilder(request).operator(operator)
                .screen(size.getColumns(), size.getRows()).build());
    }

    /** A live step differs from the dry run: the drift dialog, which goes on only on the typed word. */
    @Override
    public Confirmation acceptDrift(DriftRequest request) throws InterruptedException {
        return ask(size -> new DriftDialog(request, operator, size.getColumns(), size.getRows()));
    }

    /** The window cannot hold the rest of the change: the budget dialog, which goes on only on the typed word. */
    @Override
    public Confirmation acceptBudget(BudgetRequest request) throws InterruptedException {
        return ask(size -> new BudgetDialog(request, operator, size.getColumns(), size.getRows()));
    }

    private Confirmation ask(Function<TerminalSize, DecisionDialog<Confirmation>> build)
            throws InterruptedException {
        CompletableFuture<Confirmation> answer = new CompletableFuture<>();
        AtomicReference<DecisionDialog<Confirmation>> shown = new AtomicReference<>();
        gui.getGUIThread().invokeLater(() -> {
            DecisionDialog<Confirmation> dialog = build.apply(gui.getScreen().getTerminalSize());
            dialog.onDecision(answer::complete);
            dialog.onInterrupt(interrupt);
            shown.set(dialog);
            gui.addWindow(dialog);
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            gui.getGUIThread().invokeLater(() -> {
                if (shown.get() != null) {
                    shown.get().close();
                }
            });
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("confirmation dialog failed", e.getCause());
        }
    }
}
