package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.runbook.action.Mode;
import dev.runbook.action.Preview;
import dev.runbook.run.ConfirmRequest;
import dev.runbook.run.Confirmation;
import dev.runbook.runbook.Confirm;
import dev.runbook.runbook.Runbook;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The confirmation dialog alone: keys in, {@code decision()} out, text on a virtual terminal. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConfirmDialogTest {
    @TempDir
    Path dir;
    private VirtualScreen virtual;
    private MultiWindowTextGUI gui;
    private ConfirmDialog dialog;

    private void open(Confirm kind) throws IOException {
        open(kind, 80, 24);
    }

    private void open(Confirm kind, int columns, int rows) throws IOException {
        Runbook.Entry entry = TestRuns.run(dir, "prod", Mode.LIVE).runbook().entry("migrate/upgrade").orElseThrow();
        ConfirmRequest request = new ConfirmRequest(entry, new Preview("Modify goorm-popcorn-cache-prod: engine → valkey 8.0",
                List.of("ModifyReplicationGroupRequest(ReplicationGroupId=goorm-popcorn-cache-prod, Engine=valkey)"),
                List.of("the primary restarts")), kind, "goorm-popcorn-cache-prod", Mode.LIVE, "prod");
        virtual = new VirtualScreen(columns, rows);
        gui = new MultiWindowTextGUI(virtual.screen);
        dialog = new ConfirmDialogBuilder(request).operator("alice").screen(columns, rows).build();
        gui.addWindow(dialog);
        gui.updateScreen();
    }

    private void press(KeyStroke... keys) throws IOException {
        for (KeyStroke k : keys) {
            virtual.terminal.addInput(k);
            gui.processInput();
        }
        gui.updateScreen();
    }

    private void type(String text) throws IOException {
        for (char c : text.toCharArray()) {
            press(new KeyStroke(c, false, false));
        }
    }

    @Test
    void itSaysWhatChangesOnWhichGroupAndTheExactRequest() throws IOException {
        open(Confirm.YES);
        String text = virtual.text();
        assertTrue(text.contains("│LIVE on prod: Change the engine to Valkey 8.0"), text);
        assertTrue(text.contains("│Target group: goorm-popcorn-cache-prod"), text);
        assertTrue(text.contains("│Will do: Modify goorm-popcorn-cache-prod: engine → valkey 8.0"), text);
        assertTrue(text.contains("│Request: ModifyReplicationGroupRequest(ReplicationGroupId=goorm-popcorn-│\n   │cache-prod, Engine=valkey)"), text);
        assertTrue(text.contains("│! the primary restarts"), text);
    }

    @Test
    void yGoesAhead() throws IOException {
        open(Confirm.YES);
        press(new KeyStroke('y', false, false));
        assertEquals(Optional.of(new Confirmation(true, "alice", "y")), dialog.decision());
    }

    @Test
    void nAndEscDecline() throws IOException {
        open(Confirm.YES);
        press(new KeyStroke('x', false, false));
        assertEquals(Optional.empty(), dialog.decision());
        press(new KeyStroke('n', false, false));
        assertEquals(Optional.of(Confirmation.declined("alice")), dialog.decision());
        open(Confirm.TYPE_ID);
        press(new KeyStroke(KeyType.Escape));
        assertEquals(Optional.of(Confirmation.declined("alice")), dialog.decision());
    }

    @Test
    void aWrongIdIsRejectedWithAMessageAndTheDialogStaysOpen() throws IOException {
        open(Confirm.TYPE_ID);
        type("y");
        press(new KeyStroke(KeyType.Enter));
        assertEquals(Optional.empty(), dialog.decision());
        assertEquals("'y' is not goorm-popcorn-cache-prod: type the group id exactly, or Esc to cancel", dialog.message());
        assertTrue(virtual.text().contains("'y' is not goorm-popcorn-cache-prod"), virtual.text());
        assertTrue(gui.getWindows().contains(dialog));
    }

    @Test
    void theTypedIdGoesAhead() throws IOException {
        open(Confirm.TYPE_ID);
        type("goorm-popcorn-cache-prod");
        press(new KeyStroke(KeyType.Enter));
        assertEquals(Optional.of(new Confirmation(true, "alice", "typed id")), dialog.decision());
    }

    @Test
    void onATerminalTooSmallToShowTheRequestAndTheKeysYIsNotTakenUntilItIsResized() throws IOException {
        open(Confirm.YES, 20, 8);
        String text = virtual.text();
        assertTrue(dialog.tooSmall());
        assertTrue(text.replace("\n", " ").replaceAll("[│ ]+", " ").contains("Terminal too small: needs "
                + dialog.minimum().getColumns() + "x" + dialog.minimum().getRows() + " (now 20x8)"), text);
        assertFalse(text.contains("go ahead"), text);
        press(new KeyStroke('y', false, false));
        assertEquals(Optional.empty(), dialog.decision(), "y is refused while the request cannot be shown");
        virtual.terminal.setTerminalSize(new TerminalSize(80, 24));
        gui.updateScreen();
        gui.updateScreen();
        assertTrue(virtual.text().contains("y = go ahead    n / Esc = not now"), virtual.text());
        press(new KeyStroke('y', false, false));
        assertEquals(Optional.of(new Confirmation(true, "alice", "y")), dialog.decision());
    }

    @Test
    void nStillMeansNotNowOnATinyTerminal() throws IOException {
        open(Confirm.TYPE_ID, 20, 8);
        press(new KeyStroke('n', false, false));
        assertEquals(Optional.of(Confirmation.declined("alice")), dialog.decision());
    }

    @Test
    void at80x24TheDialogFits() throws IOException {
        open(Confirm.TYPE_ID);
        assertFalse(dialog.tooSmall(), dialog.minimum().toString());
    }
}
