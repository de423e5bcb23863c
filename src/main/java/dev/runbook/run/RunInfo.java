package dev.runbook.run;

import dev.runbook.action.OrderedMaps;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who and what a run is: its id and folder, the operator (OS user and AWS identity), and the facts of its
 * start (mode, environment, group, runbook, settings file, rehearsal speed).
 */
public record RunInfo(String id, Path dir, String operator, Map<String, String> facts) {
    public RunInfo {
        facts = OrderedMaps.copy(facts);
    }
}
