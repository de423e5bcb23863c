package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbook.action.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facts come out in the order they were put in: in the outcome (the step pane), in the run's start facts, and
 * back from the journal (the report). {@code Map.copyOf} would shuffle them differently on every JVM start;
 * with 20 keys the chance that a shuffle keeps insertion order is nil.
 */
class FactsOrderTest {
    private static final List<String> KEYS = keys();

    @TempDir
    Path dir;

    private static List<String> keys() {
        List<String> k = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            k.add("fact-" + (char) ('t' - i) + i);
        }
        return k;
    }

    private static Map<String, String> facts() {
        Map<String, String> m = new LinkedHashMap<>();
        KEYS.forEach(k -> m.put(k, "v-" + k));
        return m;
    }

    @Test
    void anOutcomeKeepsItsFactsAndSeriesInInsertionOrder() {
        Outcome.Builder b = Outcome.succeeded("ok");
        KEYS.forEach(k -> b.fact(k, "v").series(k, List.of(1.0)));
        Outcome o = b.build();
        assertEquals(KEYS, List.copyOf(o.facts().keySet()));
        assertEquals(KEYS, List.copyOf(o.series().keySet()));
    }

    @Test
    void runInfoKeepsTheStartFactsInInsertionOrder() {
        assertEquals(KEYS, List.copyOf(new RunInfo("r", dir, "op", facts()).facts().keySet()));
    }

    @Test
    void theJournalGivesBackStartFactsAndStepFactsInTheOrderTheyWereWritten() {
        try (Journal j = Journal.open(dir)) {
            j.append(new JournalEvent("2026-11-29T04:30:00Z", "r", null, "run-started", null, "s", facts(), null,
                    "op", null, null));
            j.append(new JournalEvent("2026-11-29T04:30:01Z", "r", "a/b", "started", false, "s", null, null, "op",
                    null, null));
            j.append(new JournalEvent("2026-11-29T04:30:02Z", "r", "a/b", "succeeded", false, "s", facts(), null,
                    "op", null, null));
        }
        JournalReplay replay = JournalReplay.of(Journal.read(dir.resolve(Journal.FILE)));
        assertEquals(KEYS, List.copyOf(replay.startFacts().keySet()));
        assertEquals(KEYS, List.copyOf(replay.steps().get(0).facts().keySet()));
        Outcome restored = replay.steps().get(0).toState(null).outcome();
        assertEquals(KEYS, List.copyOf(restored.facts().keySet()));
    }
}
