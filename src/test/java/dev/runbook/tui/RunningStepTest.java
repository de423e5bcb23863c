package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.runbook.action.Mode;
import dev.runbook.run.StepStatus;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The screen while a long mutating step runs on the worker: live progress, keys still work, quit says what it leaves. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunningStepTest {
    @TempDir
    Path dir;
    Screens s;

    /** Built inside each test: the GUI belongs to the thread that runs the test under its timeout. */
    private void startTheWait() {
        TestActions.Waiting.RELEASE = new CountDownLatch(1);
        s = new Screens(TestRuns.run(dir, "dev", Mode.REHEARSAL, Path.of("src", "test", "resources", "tui",
                "waiting-runbook.conf"), TestActions.registry()), 80, 24);
        s.key(KeyType.Enter);
        s.virtual.terminal.addInput(new KeyStroke('y', false, false));
        s.settleUntil(text -> text.contains("modifying — 4m12s elapsed"));
    }

    @AfterEach
    void release() {
        TestActions.Waiting.RELEASE.countDown();
        if (s != null) {
            s.worker.close();
        }
    }

    @Test
    void theStepPaneShowsTheLiveStatusAndElapsedTimeOnTheRunsClock() {
        startTheWait();
        String text = s.text();
        assertTrue(text.contains("status: running (04:12)"), text);
        assertTrue(text.contains("── now"), text);
        assertTrue(text.contains("modifying — 4m12s elapsed"), text);
        assertTrue(text.contains("│▸> await-upgrade"), text);
        assertTrue(s.virtual.rows().get(23).endsWith("│ running… ? help q quit"), s.virtual.rows().get(23));
    }

    @Test
    void keysStillWorkWhileItRunsAndEnterSaysToWait() {
        startTheWait();
        s.keyUntil(new KeyStroke('j', false, false), text -> text.contains("│▸  after"));
        assertEquals("migrate/after", s.session.controller().selected().key());
        s.keyUntil(new KeyStroke(KeyType.Enter), text -> text.contains("is still running"));
        assertTrue(s.text().contains("migrate/await-upgrade is still running: wait for it"), s.text());
        TestActions.Waiting.RELEASE.countDown();
        s.settle();
        assertEquals(StepStatus.DONE, s.run.state("migrate/await-upgrade").status());
    }

    @Test
    void quitWhileItChangesTheGroupSaysWhatStateItLeaves() {
        startTheWait();
        s.keyUntil(new KeyStroke('q', false, false), text -> text.contains("CHANGING"));
        assertTrue(s.text().contains("migrate/await-upgrade is CHANGING goorm-popcorn-cache-dev right now."), s.text());
        assertTrue(s.text().contains("AWS goes on: the group may be left"), s.text());
        assertTrue(s.text().contains("│mid-change (e.g. modifying). Check its state (resume reconciles with│"), s.text());
        s.keyUntil(new KeyStroke('n', false, false), text -> !text.contains("CHANGING"));
        assertNull(s.session.controller().ending());
    }
}
