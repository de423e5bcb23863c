package dev.runbook.run;

import dev.runbook.action.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what a run is about to do with what a dry run recorded, field by field: each state fact of the group,
 * then each field of each request the step will send (an SDK request prints as {@code Name(Key=value, ...)}; a
 * command line is compared whole). Parts that differ by design are compared without them: the run's own folder,
 * and what the action itself says is not part of the plan (a snapshot name with the time).
 */
final class DriftCheck {
    /** One field that differs: {@code field} = "node-type" or "request ModifyReplicationGroupRequest.EngineVersion". */
    record Difference(String field, String change) {
        String line() {
            return field + ": " + change;
        }
    }

    private DriftCheck() {
    }

    /** State facts that differ (only facts both runs read are compared). */
    static List<Difference> state(Map<String, String> recorded, Map<String, String> now) {
        List<Difference> out = new ArrayList<>();
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            StateFacts fact = StateFacts.of(e.getKey());
            String current = now.get(e.getKey());
            if (fact == null || current == null) {
                continue;
            }
            String change = fact.differs(e.getValue(), current);
            if (change != null) {
                out.add(new Difference(e.getKey(), change));
            }
        }
        return out;
    }

    /** How the requests a step is about to send differ from those the dry run recorded for it (null: none recorded). */
    static List<Difference> requests(List<String> recorded, String recordedDir, List<String> now, String nowDir,
                                     Action action) {
        List<Difference> out = new ArrayList<>();
        if (recorded == null) {
            out.add(new Difference("request", "the dry run did not preview this step → "
                    + (now.isEmpty() ? "(no request)" : String.join(" ; ", now))));
            return out;
        }
        for (int i = 0; i < Math.max(recorded.size(), now.size()); i++) {
            String a = i < recorded.size() ? stable(recorded.get(i), recordedDir, action) : null;
            String b = i < now.size() ? stable(now.get(i), nowDir, action) : null;
            if (a != null && a.equals(b)) {
                continue;
            }
            Map<String, String> fa = a == null ? null : fields(a);
            Map<String, String> fb = b == null ? null : fields(b);
            if (fa != null && fb != null && name(a).equals(name(b))) {
                LinkedHashMap<String, String> keys = new LinkedHashMap<>(fa);
                fb.forEach(keys::putIfAbsent);
                for (String k : keys.keySet()) {
                    String va = fa.getOrDefault(k, "(not set)");
                    String vb = fb.getOrDefault(k, "(not set)");
                    if (!va.equals(vb)) {
                        out.add(new Difference("request " + name(a) + "." + k, va + " → " + vb));
                    }
                }
            } else {
                out.add(new Difference("request " + (i + 1), (a == null ? "(none)" : a) + " → " + (b == null ? "(none)" : b)));
            }
        }
        return out;
    }

    private static String stable(String request, String runDir, Action action) {
        String r = runDir == null || runDir.isEmpty() ? request : request.replace(runDir, "<run folder>");
        return action.stableRequest(r);
    }

    private static String name(String request) {
        return request.substring(0, request.indexOf('('));
    }

    /** The top-level fields of {@code Name(K=v, K=[a, b], K=Inner(x=y))}, or null when it is not that shape. */
    static Map<String, String> fields(String request) {
        int open = request.indexOf('(');
        if (open <= 0 || !request.endsWith(")") || !request.substring(0, open).matches("[A-Za-z0-9]+")) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        String body = request.substring(open + 1, request.length() - 1);
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String part = body.substring(start, i).trim();
                start = i + 1;
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    return null;
                }
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
