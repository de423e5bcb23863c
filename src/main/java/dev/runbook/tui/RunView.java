package dev.runbook.tui;

import dev.runbook.run.Confirmer;
import dev.runbook.runbook.Runbook;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the run screen's state machine ({@link RunController}) asks of the screen, in its own words: a text to
 * read, a question to ask, a pane to scroll, a redraw. {@link RunWindow} does it with Lanterna widgets and
 * dialogs; a test can do it with lists. Called on the GUI thread.
 */
interface RunView {
    /** The confirmer whose dialogs this screen shows (a step calls it on the worker thread). */
    Confirmer confirmer();

    /** A text to read (help, the report so far, why a step must wait, the pre-flight summary); {@code closed} runs once it is closed. */
    void read(String title, List<Line> lines, Runnable closed);

    /** A change was refused before it was sent (the group is leased to another run): why, and what still works. */
    void changeRefused(Runbook.Entry entry, String why);

    /** Why skip {@code entry}? {@code reason} hears the answer, the empty string when cancelled. */
    void askWhySkip(Runbook.Entry entry, Consumer<String> reason);

    /** Why abort the run? {@code reason} hears the answer, the empty string when cancelled. */
    void askWhyAbort(Consumer<String> reason);

    /** Quit? Saying what {@code running} (null when nothing is) would leave; {@code confirming}: nothing of it was sent. */
    void askToQuit(Runbook.Entry running, boolean confirming, Consumer<Boolean> yes);

    /** A confirmation dialog is open, under any other. */
    boolean confirmationOpen();

    /** The dialog on top is a confirmation (of a step, or of its drift since the dry run). */
    boolean confirmationOnTop();

    /** The step pane a page up (-1) or down (1). */
    void pageStep(int direction);

    /** The log by {@code lines} (negative: up). */
    void scrollLog(int lines);

    /** The log a page up (-1) or down (1). */
    void pageLog(int direction);

    /** Another step was selected or started: its pane from the top. */
    void stepSelected();

    /** What the screen shows changed: draw it again. */
    void invalidate();

    /** The run screen is done: the run ended, or the operator left it. */
    void close();
}
