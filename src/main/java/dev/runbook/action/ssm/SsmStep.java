package dev.runbook.action.ssm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of an Automation document. Actions build steps through {@link SsmContext} (which names them and writes
 * their description); the exporter then sets the flow: {@code onFailure}, {@code onCancel}, {@code isEnd}.
 * A {@code nextStep} or branch target of {@link #NEXT} means "the first step after this action's steps".
 *
 * @param changes true when the step sends a change (it needs an approval before it, and failures after it go to
 *                the rollback)
 */
public record SsmStep(String name, SsmAction action, String description, Map<String, Object> inputs,
                      List<SsmOutput> outputs, Integer timeoutSeconds, boolean changes, String onFailure,
                      String onCancel, boolean isEnd) {
    /** Placeholder target: the step after this action's last step (resolved by the exporter). */
    public static final String NEXT = "<next>";

    public SsmStep {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = List.copyOf(outputs);
    }

    /** Inputs in the order given: {@code inputs("Service", "elasticache", "Api", "CreateSnapshot")}. */
    public static Map<String, Object> inputs(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** This step sends a change. */
    public SsmStep changing() {
        return new SsmStep(name, action, description, inputs, outputs, timeoutSeconds, true, onFailure, onCancel, isEnd);
    }

    public SsmStep withFlow(String onFailure, String onCancel, boolean isEnd) {
        return new SsmStep(name, action, description, inputs, outputs, timeoutSeconds, changes, onFailure, onCancel,
                isEnd);
    }

    /** Replaces {@link #NEXT} in branch choices, Default and nextStep-like inputs with {@code target}. */
    public SsmStep resolveNext(String target) {
        return new SsmStep(name, action, description, replace(inputs, target), outputs, timeoutSeconds, changes,
                onFailure, onCancel, isEnd);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replace(Map<String, Object> m, String target) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map ? replace((Map<String, Object>) v, target)
                : v instanceof List ? replaceAll((List<Object>) v, target) : NEXT.equals(v) ? target : v));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> replaceAll(List<Object> l, String target) {
        List<Object> out = new ArrayList<>();
        for (Object v : l) {
            out.add(v instanceof Map ? replace((Map<String, Object>) v, target) : NEXT.equals(v) ? target : v);
        }
        return out;
    }

    /** The step as the document holds it, keys in the user guide's order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("action", action.documentName());
        m.put("description", description);
        if (timeoutSeconds != null) {
            m.put("timeoutSeconds", timeoutSeconds);
        }
        if (onFailure != null) {
            m.put("onFailure", onFailure);
        }
        if (onCancel != null) {
            m.put("onCancel", onCancel);
        }
        if (isEnd) {
            m.put("isEnd", true);
        }
        m.put("inputs", inputs);
        if (!outputs.isEmpty()) {
            m.put("outputs", outputs.stream().map(SsmOutput::toMap).toList());
        }
        return m;
    }
}
