package dev.runbook.action.ssm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One output a step declares: its name, the JSONPath that selects it from the action's response, and its type
 * (String, StringList, Boolean, Integer, MapList, StringMap).
 */
public record SsmOutput(String name, String selector, String type) {
    public static SsmOutput string(String name, String selector) {
        return new SsmOutput(name, selector, "String");
    }

    public static SsmOutput of(String name, String selector, String type) {
        return new SsmOutput(name, selector, type);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", name);
        m.put("Selector", selector);
        m.put("Type", type);
        return m;
    }
}
