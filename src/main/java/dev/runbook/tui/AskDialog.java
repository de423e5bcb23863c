package dev.runbook.tui;

import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.input.KeyStroke;

/** A yes/no question (quit?): {@code y} answers yes; {@code n} or Esc answers no. */
public final class AskDialog extends DecisionDialog<Boolean> {
    public AskDialog(String title, String question, int width) {
        super(title);
        setComponent(new Label(String.join("\n", Wrap.words(width, question))
                + "\n\ny = yes    n / Esc = no"));
    }

    @Override
    protected boolean handleKey(KeyStroke key) {
        RunKey.yesOrNo(key).ifPresent(this::decide);
        return true;
    }
}
