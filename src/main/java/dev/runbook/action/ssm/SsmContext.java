package dev.runbook.action.ssm;

import dev.runbook.config.Environment;
import dev.runbook.config.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an action's SSM form may use: the environment and waits, the runbook step it stands for (its id, title
 * and the guide's Korean wording, which every step's description carries), the facts earlier forms published,
 * and builders for the document's steps, named {@code <StepId>_<Suffix>} so each is unique and says whose it is.
 */
public final class SsmContext {
    public static final String GROUP_PARAMETER = "ReplicationGroupId";
    public static final String ROLE_PARAMETER = "AutomationAssumeRole";
    public static final String APPROVERS_PARAMETER = "Approvers";
    public static final String NOTIFICATION_PARAMETER = "NotificationArn";
    public static final String INSTANCE_PARAMETER = "DataPlaneInstanceId";
    /**
     * The SecureString parameter that holds the cache's AUTH token for an execution: read on the instance (data
     * plane) or inside a script (restore), never a document parameter, input or output.
     */
    public static final String TOKEN_PARAMETER = "/valkey-runbook/{{ ReplicationGroupId }}/auth-token";
    /** aws:approve's limit on its Message. */
    public static final int MESSAGE_LIMIT = 4096;

    private final Environment environment;
    private final Waits waits;
    private final String stepId;
    private final String title;
    private final String guide;
    private final boolean typedId;
    private final boolean notify;
    private final Map<String, String> facts;

    /**
     * @param typedId true when the terminal runbook asks for the typed group id (prod's risk level)
     * @param notify  true when the document has a NotificationArn parameter for the approvals
     */
    public SsmContext(Environment environment, Waits waits, String stepId, String title, String guide, boolean typedId,
                      boolean notify, Map<String, String> facts) {
        this.environment = environment;
        this.waits = waits;
        this.stepId = stepId;
        this.title = title;
        this.guide = guide;
        this.typedId = typedId;
        this.notify = notify;
        this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public Environment environment() {
        return environment;
    }

    public Waits waits() {
        return waits;
    }

    /** A fact an earlier form published, as a {@code {{ Step.Output }}} reference. */
    public Optional<String> fact(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    /** {@code {{ ReplicationGroupId }}}. */
    public String group() {
        return ref(GROUP_PARAMETER);
    }

    public static String ref(String name) {
        return "{{ " + name + " }}";
    }

    /** {@code {{ Step.Output }}} of a step this form made. */
    public String output(String suffix, String outputName) {
        return ref(name(suffix) + "." + outputName);
    }

    /** The document's name of one of this form's steps. */
    public String name(String suffix) {
        return pascal(stepId) + "_" + suffix;
    }

    /** {@code id} in PascalCase: tls-required → TlsRequired. */
    public static String pascal(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    /** SSM's spelling of a boolean in DesiredValues and API inputs compared as text. */
    public static String bool(boolean b) {
        return b ? "True" : "False";
    }

    private String description(String detail) {
        return guide + "\n\n" + title + (detail.isBlank() ? "" : " — " + detail);
    }

    private SsmStep step(String suffix, SsmAction action, String detail, Map<String, Object> inputs,
                         List<SsmOutput> outputs, Integer timeout) {
        return new SsmStep(name(suffix), action, description(detail), inputs, outputs, timeout, false, null, null, false);
    }

    /** aws:executeAwsApi: {@code service} the lowercase client name, {@code api} the PascalCase operation. */
    public SsmStep awsApi(String suffix, String detail, String service, String api, Map<String, Object> params,
                          SsmOutput... outputs) {
        Map<String, Object> in = SsmStep.inputs("Service", service, "Api", api);
        in.putAll(params);
        return step(suffix, SsmAction.EXECUTE_AWS_API, detail, in, Arrays.asList(outputs), null);
    }

    /** aws:assertAwsResourceProperty: fails unless the JSONPath {@code selector} reads one of {@code desired}. */
    public SsmStep assertProperty(String suffix, String detail, String service, String api, Map<String, Object> params,
                                  String selector, String... desired) {
        return step(suffix, SsmAction.ASSERT_PROPERTY, detail, property(service, api, params, selector, desired),
                List.of(), null);
    }

    /** aws:waitForAwsResourceProperty, with an explicit timeout (the default 3600 s is too short for some waits). */
    public SsmStep waitFor(String suffix, String detail, Duration timeout, String service, String api,
                           Map<String, Object> params, String selector, String... desired) {
        return step(suffix, SsmAction.WAIT_FOR_PROPERTY, detail, property(service, api, params, selector, desired),
                List.of(), (int) timeout.toSeconds());
    }

    private static Map<String, Object> property(String service, String api, Map<String, Object> params, String selector,
                                                String... desired) {
        Map<String, Object> in = SsmStep.inputs("Service", service, "Api", api);
        in.putAll(params);
        in.put("PropertySelector", selector);
        in.put("DesiredValues", List.of(desired));
        return in;
    }

    /** aws:executeScript running {@code /ssm/<file>}'s {@code handler} on python3.11. */
    public SsmStep script(String suffix, String detail, String file, String handler, Map<String, Object> payload,
                          SsmOutput... outputs) {
        Map<String, Object> in = SsmStep.inputs("Runtime", SsmScripts.RUNTIME, "Handler", handler,
                "InputPayload", payload, "Script", SsmScripts.load(file));
        return step(suffix, SsmAction.EXECUTE_SCRIPT, detail, in, Arrays.asList(outputs), null);
    }

    /** aws:runCommand with AWS-RunShellScript on the DataPlaneInstanceId instance. */
    public SsmStep shell(String suffix, String detail, List<String> commands, Duration timeout) {
        Map<String, Object> in = SsmStep.inputs("DocumentName", "AWS-RunShellScript",
                "InstanceIds", List.of(ref(INSTANCE_PARAMETER)),
                "Parameters", SsmStep.inputs("commands", commands, "executionTimeout", String.valueOf(timeout.toSeconds())));
        return step(suffix, SsmAction.RUN_COMMAND, detail, in, List.of(), (int) timeout.toSeconds() + 60);
    }

    /** aws:branch that jumps past this form's steps when any of {@code choices} holds, else goes on. */
    @SafeVarargs
    public final SsmStep skipWhen(String suffix, String detail, Map<String, Object>... choices) {
        List<Object> list = new ArrayList<>();
        for (Map<String, Object> c : choices) {
            Map<String, Object> withTarget = SsmStep.inputs("NextStep", SsmStep.NEXT);
            withTarget.putAll(c);
            list.add(withTarget);
        }
        return step(suffix, SsmAction.BRANCH, detail, SsmStep.inputs("Choices", list), List.of(), null);
    }

    /** A branch choice: {@code operator} (StringEquals, BooleanEquals, NumericGreaterOrEquals...) on a variable. */
    public static Map<String, Object> when(String variable, String operator, Object value) {
        return SsmStep.inputs("Variable", variable, operator, value);
    }

    /** A branch choice that holds when every one of {@code choices} does. */
    @SafeVarargs
    public static Map<String, Object> all(Map<String, Object>... choices) {
        return SsmStep.inputs("And", List.of((Object[]) choices));
    }

    /** Skips the data-plane steps when the execution was started without an instance to run them on. */
    public SsmStep skipWithoutInstance() {
        return skipWhen("NeedsInstance", "skipped when DataPlaneInstanceId is empty",
                when(ref(INSTANCE_PARAMETER), "StringEquals", ""));
    }

    /** aws:sleep until a timestamp another step computed. */
    public SsmStep sleepUntil(String suffix, String detail, String timestampRef) {
        return step(suffix, SsmAction.SLEEP, detail, SsmStep.inputs("Timestamp", timestampRef), List.of(), null);
    }

    /**
     * aws:approve before a change, with the terminal's confirmation as its message: prod's typed-id level says the
     * step can lose data or cause downtime and asks the approver to check the group id.
     */
    public SsmStep approval(String change) {
        String risk = typedId
                ? " RISK (the terminal runbook asks for the typed group id here): this can lose data or cause downtime."
                        + " Approve only after checking the target group id character by character."
                : " The terminal runbook asks for a yes here.";
        String message = "[" + environment.name().toUpperCase(Locale.ROOT) + "] " + title + " on " + group() + ": "
                + change + "." + risk;
        if (message.length() > MESSAGE_LIMIT) {
            message = message.substring(0, MESSAGE_LIMIT - 1) + "…";
        }
        Map<String, Object> in = SsmStep.inputs("Approvers", ref(APPROVERS_PARAMETER), "MinRequiredApprovals", 1,
                "Message", message);
        if (notify) {
            in.put("NotificationArn", ref(NOTIFICATION_PARAMETER));
        }
        return step("Approve", SsmAction.APPROVE, "approval before the change", in, List.of(), null);
    }
}
