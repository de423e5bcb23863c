package dev.runbook.action.ssm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An action's Systems Manager Automation form: the steps that do the same work on AWS's engine, or the reason
 * there is no faithful form (the export lists it, and the document says the terminal runbook alone does it).
 */
public sealed interface SsmForm permits SsmForm.Exported, SsmForm.NotExportable {

    /**
     * The steps, in order.
     *
     * @param terminalOnly parts of the action's checks the steps do not perform (said in the document)
     * @param facts        facts later steps may read, as {@code {{ Step.Output }}} references (like an outcome's)
     */
    record Exported(List<SsmStep> steps, List<String> terminalOnly, Map<String, String> facts) implements SsmForm {
        public Exported {
            steps = List.copyOf(steps);
            terminalOnly = List.copyOf(terminalOnly);
            facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }

        public Exported withTerminalOnly(String what) {
            List<String> t = new ArrayList<>(terminalOnly);
            t.add(what);
            return new Exported(steps, t, facts);
        }

        public Exported withFact(String key, String reference) {
            Map<String, String> f = new LinkedHashMap<>(facts);
            f.put(key, reference);
            return new Exported(steps, terminalOnly, f);
        }
    }

    /** No faithful form: {@code reason} says what SSM Automation cannot do here, in the operator's words. */
    record NotExportable(String reason) implements SsmForm {
    }

    static Exported of(SsmStep... steps) {
        return new Exported(List.of(steps), List.of(), Map.of());
    }

    static Exported of(List<SsmStep> steps) {
        return new Exported(steps, List.of(), Map.of());
    }

    static NotExportable notExportable(String reason) {
        return new NotExportable(reason);
    }
}
