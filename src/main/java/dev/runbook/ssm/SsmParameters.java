package dev.runbook.ssm;

import dev.runbook.action.ssm.SsmContext;
import dev.runbook.config.Environment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The document's parameters: the group (defaulting to the environment's), the role Automation assumes, who
 * approves, the optional SNS topic for approvals (only when one is given) and the optional instance for the
 * data-plane checks. The AUTH token is deliberately not one of them.
 */
public final class SsmParameters {
    /** ElastiCache's id rule, in the simple regex flavour parameters use. */
    static final String GROUP_PATTERN = "^[a-z][a-z0-9-]{0,39}$";
    /** An SNS topic ARN whose name starts with "Automation", as aws:approve requires. */
    static final String TOPIC_PATTERN = "^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:Automation[A-Za-z0-9_-]*$";

    private SsmParameters() {
    }

    static Map<String, Object> of(Environment env, Optional<String> notificationArn) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(SsmContext.GROUP_PARAMETER, param("String", "(Required) The replication group to migrate from Redis OSS "
                + env.source() + " to " + env.target().engine() + " " + env.target().version() + ".",
                "default", env.replicationGroupId(), "allowedPattern", GROUP_PATTERN));
        p.put(SsmContext.ROLE_PARAMETER, param("AWS::IAM::Role::Arn", "(Optional) The role Automation assumes: it needs"
                + " the ElastiCache calls of the steps (and ssm:GetParameter for a TLS restore). Empty = the caller's"
                + " permissions.", "default", ""));
        p.put(SsmContext.APPROVERS_PARAMETER, param("StringList", "(Required) Who approves each change (IAM user"
                + " names or user/role ARNs, at most 10).", "minItems", 1, "maxItems", 10));
        notificationArn.ifPresent(arn -> p.put(SsmContext.NOTIFICATION_PARAMETER, param("String", "(Optional) SNS"
                + " topic told of each approval; its name starts with Automation.", "default", arn,
                "allowedPattern", TOPIC_PATTERN)));
        p.put(SsmContext.INSTANCE_PARAMETER, param("AWS::EC2::Instance::Id", "(Optional) A managed instance that"
                + " reaches the cache, for the data-plane checks (valkey-cli or redis-cli on it). Empty = they are"
                + " skipped.", "default", ""));
        return p;
    }

    private static Map<String, Object> param(String type, String description, Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("description", description);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    /** True when {@code arn} names an SNS topic aws:approve accepts. */
    public static boolean isTopic(String arn) {
        return arn.matches(TOPIC_PATTERN);
    }
}
