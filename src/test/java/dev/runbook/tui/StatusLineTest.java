package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private static StatusLine line(Mode mode, String env) {
        return new StatusLine(mode, env, "goorm-popcorn-cache-" + env, Duration.ofSeconds(3725), "window 30m left",
                "↑↓/jk move · Enter run · q quit", "Enter run q quit");
    }

    @Test
    void liveOnProdIsTheAlarmingBadge() {
        assertEquals("!! LIVE PROD !!", line(Mode.LIVE, "prod").badge());
        assertTrue(line(Mode.LIVE, "prod").alarming());
    }

    @Test
    void otherModesShowTheirLabel() {
        assertEquals("[LIVE]", line(Mode.LIVE, "dev").badge());
        assertFalse(line(Mode.LIVE, "dev").alarming());
        assertEquals("[DRY-RUN]", line(Mode.DRY_RUN, "prod").badge());
        assertFalse(line(Mode.DRY_RUN, "prod").alarming());
        assertEquals("[REHEARSAL]", line(Mode.REHEARSAL, "prod").badge());
    }

    @Test
    void aNarrowBarDropsTheGroupThenTheWordsThenTheWindow() {
        StatusLine s = line(Mode.REHEARSAL, "dev");
        assertEquals(" dev goorm-popcorn-cache-dev │ elapsed 1:02:05 │ window 30m left │ ↑↓/jk move · Enter run · q quit",
                s.rest(200));
        assertEquals(" dev │ elapsed 1:02:05 │ window 30m left │ ↑↓/jk move · Enter run · q quit", s.rest(80));
        assertEquals(" dev │ 1:02:05 │ window 30m left │ Enter run q quit", s.rest(55));
        assertEquals(" dev │ 1:02:05 │ Enter run q quit", s.rest(34));
        assertEquals(" Enter run q quit", s.rest(20));
    }

    @Test
    void theBudgetComesAfterTheWindowAndOutlivesItWhenTheBarIsNarrow() {
        StatusLine s = new StatusLine(Mode.REHEARSAL, "dev", "goorm-popcorn-cache-dev", Duration.ofSeconds(44),
                "window 37m left", "budget 22m short!", "↑↓/jk move · Enter run · q quit", "Enter run q quit");
        assertEquals(" dev │ elapsed 00:44 │ window 37m left │ budget 22m short! │ ↑↓/jk move · Enter run · q quit",
                s.rest(100));
        assertEquals(" dev │ 00:44 │ budget 22m short! │ Enter run q quit", s.rest(60));
    }

    @Test
    void widthsAreTerminalColumnsSoKoreanTakesTwo() {
        StatusLine s = new StatusLine(Mode.REHEARSAL, "개발", "goorm-popcorn-cache-dev", Duration.ofSeconds(44),
                "window 37m left", "⚑ past no return", "↑↓/jk move · Enter run · q quit", "Enter run q quit");
        // " 개발 │ 00:44 │ window 37m left │ ⚑ past no return │ Enter run q quit" is 69 columns, 67 characters
        String fitted = s.rest(68);
        assertEquals(" 개발 │ 00:44 │ ⚑ past no return │ Enter run q quit", fitted);
        assertEquals(" 개발 │ 00:44 │ window 37m left │ ⚑ past no return │ Enter run q quit", s.rest(69));
    }

    @Test
    void atFortyColumnsTheKeysAreCutAtWholeKeysNeverToAKeyWithoutItsWord() {
        StatusLine s = new StatusLine(Mode.REHEARSAL, "dev", "goorm-popcorn-cache-dev", Duration.ofSeconds(3),
                "window 1h30m left", "↑↓/jk move · Enter run · l log · r report · ? help · q quit",
                "Enter run ↑↓ move ? help q quit");
        int rest = 40 - s.badge().length();
        assertEquals(" Enter run ↑↓ move ? help", s.rest(rest));
        assertFalse(s.rest(rest).endsWith(" q q"), s.rest(rest));
        assertEquals(" Enter run ↑↓ move", s.rest(22));
    }
}
