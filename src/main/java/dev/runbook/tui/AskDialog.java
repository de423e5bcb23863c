package dev.runbook.tui;

import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** A yes/no question (quit?): {@code y} answers yes; {@code n} or Esc answers no. */
public final class AskDialog extends DecisionDialog<Boolean> {
    public AskDialog(String title, String question, int width) {
        super(title);
        setComponent(new Label(String.join("\n", Wrap.words(width, question))
                + "\n\ny = yes    n / Esc = no"));
    }

    @Override
    protected boolean handleKey(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape) {
            decide(false);
        } else if (key.getKeyType() == KeyType.Character) {
            char c = Character.toLowerCase(key.getCharacter());
            if (c == 'y') {
                decide(true);
            } else if (c == 'n') {
                decide(false);
            }
        }
        return true;
    }
}
