package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import dev.runbook.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;

/**
 * What the screen asks before it skips, aborts or quits, in the operator's words. Quitting says what a step
 * in flight would leave behind: a change keeps going in AWS after the screen is gone.
 */
final class Questions {
    private Questions() {
    }

    static ReasonDialog skip(Runbook.Entry step, int width) {
        return new ReasonDialog("Skip " + step.key(), "Why skip " + step.key() + "? The reason goes into the"
                + " journal and the report.", width);
    }

    static ReasonDialog abort(int width) {
        return new ReasonDialog("Abort the run", "Why abort? The run ends here; the reason goes into the"
                + " journal and the report.", width);
    }

    /**
     * @param running the step in flight, or null
     * @param confirming its confirmation is open: nothing of it was sent yet
     */
    static AskDialog quit(Runbook.Entry running, boolean confirming, String group, int width) {
        String question;
        if (running != null && confirming) {
            question = running.key() + " is waiting for your confirmation: nothing of it has been sent. Quit the run"
                    + " here? The journal keeps every finished step; resume picks the run up later.";
        } else if (running != null && running.step().action().mutates()) {
            question = running.key() + " is CHANGING " + group
                    + " right now. Quitting stops watching it, but AWS goes on: the group may be left mid-change"
                    + " (e.g. modifying). Check its state (resume reconciles with AWS) before anything else."
                    + " Quit anyway?";
        } else if (running != null) {
            question = running.key() + " is running (read-only; nothing is being changed). Quitting cancels it."
                    + " Quit?";
        } else {
            question = "Quit the run here? Nothing is in flight. The journal keeps every finished step, and"
                    + " the run does not end: resume continues it later.";
        }
        return new AskDialog("Quit", question, width);
    }

    /** Why a change was refused before it was sent (the group is leased to another run), wrapped to {@code width}. */
    static TextDialog refused(Runbook.Entry entry, String why, int width) {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.warning("✗ " + entry.key() + " was not run: nothing was sent."));
        lines.add(Line.of(""));
        Wrap.words(width, why).forEach(l -> lines.add(Line.of(l)));
        lines.add(Line.of(""));
        Wrap.words(width, "Read-only steps can still run. q quits the run (exit 1).").forEach(l -> lines.add(Line.of(l)));
        return new TextDialog("Change refused", lines,
                new TerminalSize(width, Math.min(lines.size(), 14)));
    }
}
