package dev.runbook.action.ssm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of an Automation document that a JSON Schema cannot express, run offline (no AWS call): the name's
 * reserved prefixes; unique step names; every {@code step:X}, {@code nextStep} and branch target exists (and the
 * cancel path avoids aws:approve and aws:sleep); every {@code {{ ref }}} is a parameter, an automation variable or
 * an output of an earlier step; every aws:executeAwsApi-style input is a member of the operation's request in the
 * AWS SDK's model, with the required ones present; scripts use python3.11 and define their handler; approval
 * messages fit 4096 characters; waits say their timeout. Each problem names the step.
 */
public final class SsmDocumentCheck {
    static final List<String> RESERVED_PREFIXES = List.of("aws", "amazon", "amzn");
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_.-]{3,128}$");
    private static final Pattern STEP_NAME = Pattern.compile("^[a-zA-Z0-9_]+$");
    private static final Pattern REF = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");
    private static final Set<String> VARIABLES = Set.of("global:ACCOUNT_ID", "global:DATE", "global:DATE_TIME",
            "global:REGION", "global:AWS_PARTITION", "automation:EXECUTION_ID");
    /** Outputs an action has without declaring them (AWS user guide, each action's Output section). */
    private static final Map<String, Set<String>> BUILT_IN_OUTPUTS = Map.of(
            "aws:runCommand", Set.of("CommandId", "Status", "ResponseCode", "Output"),
            "aws:executeScript", Set.of("Payload"),
            "aws:approve", Set.of("ApprovalStatus", "ApproverDecisions"));
    private static final Set<String> API_ACTIONS = Set.of("aws:executeAwsApi", "aws:assertAwsResourceProperty",
            "aws:waitForAwsResourceProperty");
    private static final Set<String> NOT_API_INPUTS = Set.of("Service", "Api", "PropertySelector", "DesiredValues");

    private final List<String> problems = new ArrayList<>();

    private SsmDocumentCheck() {
    }

    /** Every problem found, in document order; empty when the document passes. */
    public static List<String> check(String documentName, Map<String, Object> document) {
        SsmDocumentCheck c = new SsmDocumentCheck();
        c.name(documentName);
        c.document(document);
        return List.copyOf(c.problems);
    }

    private void name(String name) {
        if (!NAME.matcher(name).matches()) {
            problems.add("document name '" + name + "': 3-128 letters, digits, _ - . only");
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                problems.add("document name '" + name + "': names may not start with " + prefix
                        + " (reserved: aws, amazon, amzn, AWSEC2, AWSConfigRemediation, AWSSupport)");
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void document(Map<String, Object> doc) {
        if (!"0.3".equals(doc.get("schemaVersion"))) {
            problems.add("document: schemaVersion must be '0.3' (a string), not " + doc.get("schemaVersion"));
        }
        Set<String> parameters = doc.get("parameters") instanceof Map<?, ?> p
                ? new HashSet<>((Set<String>) p.keySet()) : Set.of();
        List<Map<String, Object>> steps = new ArrayList<>();
        if (doc.get("mainSteps") instanceof List<?> l) {
            l.forEach(s -> steps.add(s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of()));
        }
        if (steps.isEmpty()) {
            problems.add("document: mainSteps is missing or empty");
            return;
        }
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> s : steps) {
            String n = String.valueOf(s.get("name"));
            if (!STEP_NAME.matcher(n).matches()) {
                problems.add("step " + n + ": a step name has letters, digits and _ only");
            }
            if (byName.putIfAbsent(n, s) != null) {
                problems.add("step " + n + ": the name is used by more than one step");
            }
        }
        Map<String, Set<String>> outputsSoFar = new HashMap<>();
        refs("document assumeRole", doc.get("assumeRole"), parameters, outputsSoFar);
        for (Map<String, Object> s : steps) {
            String n = String.valueOf(s.get("name"));
            String action = String.valueOf(s.get("action"));
            Map<String, Object> inputs = s.get("inputs") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            targets(n, s, byName);
            refs("step " + n, inputs, parameters, outputsSoFar);
            actionRules(n, action, s, inputs);
            Set<String> outs = new HashSet<>(BUILT_IN_OUTPUTS.getOrDefault(action, Set.of()));
            if (s.get("outputs") instanceof List<?> os) {
                os.forEach(o -> outs.add(String.valueOf(((Map<String, Object>) o).get("Name"))));
            }
            outputsSoFar.put(n, outs);
        }
        if (doc.get("outputs") instanceof List<?> outs) {
            outs.forEach(o -> refs("document outputs", "{{ " + o + " }}", parameters, outputsSoFar));
        }
        Map<String, Object> last = steps.get(steps.size() - 1);
        if (!Boolean.TRUE.equals(last.get("isEnd"))) {
            problems.add("step " + last.get("name") + ": the last step needs isEnd: true");
        }
    }

    @SuppressWarnings("unchecked")
    private void targets(String n, Map<String, Object> s, Map<String, Map<String, Object>> byName) {
        for (String key : List.of("onFailure", "onCancel")) {
            Object v = s.get(key);
            if (v == null) {
                continue;
            }
            String text = String.valueOf(v);
            if (text.startsWith("step:")) {
                String target = text.substring(5);
                Map<String, Object> t = byName.get(target);
                if (t == null) {
                    problems.add("step " + n + ": " + key + " goes to step " + target + ", which does not exist");
                } else if (key.equals("onCancel") && List.of("aws:approve", "aws:sleep").contains(t.get("action"))) {
                    problems.add("step " + n + ": onCancel goes to " + target + " (" + t.get("action")
                            + "), which the cancel path cannot run");
                }
            } else if (!text.equals("Abort") && !(key.equals("onFailure") && text.equals("Continue"))) {
                problems.add("step " + n + ": " + key + " '" + text + "' is not Abort"
                        + (key.equals("onFailure") ? ", Continue" : "") + " or step:NAME");
            }
        }
        if (s.get("nextStep") != null && !byName.containsKey(String.valueOf(s.get("nextStep")))) {
            problems.add("step " + n + ": nextStep " + s.get("nextStep") + " does not exist");
        }
        if ("aws:branch".equals(s.get("action")) && s.get("inputs") instanceof Map<?, ?> in) {
            List<Object> targets = new ArrayList<>();
            if (in.get("Choices") instanceof List<?> choices) {
                choices.forEach(c -> targets.add(c instanceof Map<?, ?> m ? m.get("NextStep") : null));
            }
            if (in.containsKey("Default")) {
                targets.add(in.get("Default"));
            }
            for (Object t : targets) {
                if (t == null || !byName.containsKey(String.valueOf(t))) {
                    problems.add("step " + n + ": branch target " + t + " does not exist");
                }
            }
        }
    }

    private void refs(String where, Object value, Set<String> parameters, Map<String, Set<String>> earlier) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> refs(where, v, parameters, earlier));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> refs(where, v, parameters, earlier));
        } else if (value instanceof String text) {
            Matcher m = REF.matcher(text);
            while (m.find()) {
                String ref = m.group(1);
                if (parameters.contains(ref) || VARIABLES.contains(ref)) {
                    continue;
                }
                int dot = ref.indexOf('.');
                Set<String> outs = dot < 0 ? null : earlier.get(ref.substring(0, dot));
                if (outs == null || !outs.contains(ref.substring(dot + 1).split("\\.")[0])) {
                    problems.add(where + ": {{ " + ref + " }} is neither a parameter nor an output of an earlier step");
                }
            }
        }
    }

    private void actionRules(String n, String action, Map<String, Object> s, Map<String, Object> inputs) {
        if (API_ACTIONS.contains(action)) {
            api(n, action, inputs);
        }
        switch (action) {
            case "aws:executeScript" -> {
                Object runtime = inputs.get("Runtime");
                if (!SsmScripts.RUNTIME.equals(runtime)) {
                    problems.add("step " + n + ": Runtime " + runtime + " cannot be created or run (use "
                            + SsmScripts.RUNTIME + ")");
                }
                String handler = String.valueOf(inputs.get("Handler"));
                String script = String.valueOf(inputs.get("Script"));
                if (!Pattern.compile("(?m)^def " + Pattern.quote(handler) + "\\(").matcher(script).find()) {
                    problems.add("step " + n + ": the script defines no handler " + handler);
                }
            }
            case "aws:approve" -> {
                if (!inputs.containsKey("Approvers")) {
                    problems.add("step " + n + ": aws:approve needs Approvers");
                }
                if (String.valueOf(inputs.getOrDefault("Message", "")).length() > SsmContext.MESSAGE_LIMIT) {
                    problems.add("step " + n + ": the approval Message is over " + SsmContext.MESSAGE_LIMIT
                            + " characters");
                }
            }
            case "aws:waitForAwsResourceProperty" -> {
                if (s.get("timeoutSeconds") == null) {
                    problems.add("step " + n + ": a wait without timeoutSeconds gives up after the default 3600 s");
                }
            }
            case "aws:runCommand" -> {
                if (!inputs.containsKey("DocumentName") || !inputs.containsKey("InstanceIds")) {
                    problems.add("step " + n + ": aws:runCommand needs DocumentName and InstanceIds");
                }
            }
            default -> {
            }
        }
    }

    private void api(String n, String action, Map<String, Object> inputs) {
        String service = String.valueOf(inputs.get("Service"));
        String api = String.valueOf(inputs.get("Api"));
        if (!service.equals(service.toLowerCase(Locale.ROOT))) {
            problems.add("step " + n + ": Service " + service + " must be the lowercase client name");
            return;
        }
        Optional<Map<String, Boolean>> members = SdkRequestModel.members(service, api);
        if (members.isEmpty()) {
            problems.add("step " + n + ": " + service + " " + api + " is not an operation in the AWS SDK's model"
                    + " (Api is the PascalCase operation name)");
            return;
        }
        for (String key : inputs.keySet()) {
            if (!NOT_API_INPUTS.contains(key) && !members.get().containsKey(key)) {
                problems.add("step " + n + ": " + key + " is not a member of " + api + "Request (members: "
                        + String.join(", ", members.get().keySet()) + ")");
            }
        }
        members.get().forEach((member, required) -> {
            if (required && !inputs.containsKey(member)) {
                problems.add("step " + n + ": " + api + " requires " + member);
            }
        });
        if (!action.equals("aws:executeAwsApi")) {
            Object selector = inputs.get("PropertySelector");
            if (!(selector instanceof String sel) || !sel.startsWith("$")) {
                problems.add("step " + n + ": PropertySelector must be a JSONPath starting with $");
            }
            if (!(inputs.get("DesiredValues") instanceof List<?> l) || l.isEmpty()) {
                problems.add("step " + n + ": DesiredValues must be a non-empty list");
            }
        }
    }
}
