package dev.runbook.tui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.runbook.runbook.Runbook;

/**
 * The run screen's keys, kept apart from what they do ({@link RunController}) so the table the README and
 * {@code ?} list is in one place: moving, running, the failure keys, and the log when it has the focus.
 */
final class RunKeys {
    private final RunController c;

    RunKeys(RunController controller) {
        this.c = controller;
    }

    /** The keys the status bar offers now, in full and short. */
    record Hint(String keys, String shortKeys) {
    }

    static Hint hint(boolean logFocus, Runbook.Entry running, boolean confirming, boolean failed, boolean refused) {
        if (logFocus) {
            return new Hint("LOG: ↑↓ PgUp PgDn scroll · Esc back", "LOG: ↑↓ PgUp PgDn scroll · Esc back");
        } else if (running != null && confirming) {
            return new Hint("confirm " + running.step().id() + ": answer in the dialog", "confirm: answer in the dialog");
        } else if (running != null) {
            return new Hint("running " + running.step().id() + "… · l log · ? help · q quit", "running… ? help q quit");
        } else if (failed) {
            return new Hint("FAILED: t retry · s skip · b rollback · a abort · ? help · q quit",
                    "t retry s skip b rollback a abort");
        }
        if (refused) {
            return new Hint("REFUSED (log says why): run the steps it waits for · s skip one (reason) · ? help",
                    "REFUSED: see log · s skip ? help");
        }
        return new Hint("↑↓/jk move · Enter run · l log · r report · ? help · q quit", "Enter run ↑↓ move ? help q quit");
    }

    /** Dispatches one key; always consumes it (the screen has no other focusable parts). */
    boolean handle(KeyStroke key) {
        if (c.ended()) {
            return true;
        }
        if (DecisionDialog.isCtrlC(key)) {
            c.quit();
            return true;
        }
        if (c.logFocused() && logKey(key)) {
            return true;
        }
        switch (key.getKeyType()) {
            case ArrowUp -> c.move(-1);
            case ArrowDown -> c.move(1);
            case PageUp -> c.stepPane().page(-1);
            case PageDown -> c.stepPane().page(1);
            case Enter -> c.runSelected();
            case Character -> character(key.getCharacter());
            default -> {
            }
        }
        c.statusBar().invalidate();
        return true;
    }

    private void character(char ch) {
        switch (ch) {
            case 'k' -> c.move(-1);
            case 'j' -> c.move(1);
            case '?' -> c.help();
            case 'l' -> c.focusLog(true);
            case 'r' -> c.report();
            case 'q' -> c.quit();
            case 't' -> c.retry();
            case 's' -> c.skipStep();
            case 'b' -> c.goToRollback();
            case 'a' -> c.abort();
            default -> {
            }
        }
    }

    /** Keys of the focused log; false for keys the log does not take (they act as usual: q still quits). */
    private boolean logKey(KeyStroke key) {
        switch (key.getKeyType()) {
            case ArrowUp -> c.logPane().scrollBy(-1);
            case ArrowDown -> c.logPane().scrollBy(1);
            case PageUp -> c.logPane().page(-1);
            case PageDown -> c.logPane().page(1);
            case Escape -> c.focusLog(false);
            case Character -> {
                if (key.getCharacter() != 'l') {
                    return false;
                }
                c.focusLog(false);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
