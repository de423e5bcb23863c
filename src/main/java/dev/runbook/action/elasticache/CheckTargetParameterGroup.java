package dev.runbook.action.elasticache;

import dev.runbook.action.AwsClients;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.AwsErrors;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroup;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheEngineVersionsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheParameterGroupsRequest;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmStep;

/**
 * Checks the parameter group the upgrade will pass: the target engine's family must be valkey8, the group must
 * exist and be of that family, and a custom source group needs a custom target one (AWS refuses a default one
 * with InvalidParameterCombination, and the static values must be carried over).
 */
public record CheckTargetParameterGroup(String group, String engine, String version, String parameterGroup) implements Action {
    static final String EXPECTED_FAMILY = "valkey8";


    public static Action create(Params p) {
        return new CheckTargetParameterGroup(p.string("replication-group"), p.string("engine"), p.string("version"),
                p.string("parameter-group"));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Check " + parameterGroup + " exists and is of family " + EXPECTED_FAMILY,
                engineVersions().toString(),
                DescribeCacheParameterGroupsRequest.builder().cacheParameterGroupName(parameterGroup).build().toString());
    }

    private DescribeCacheEngineVersionsRequest engineVersions() {
        return DescribeCacheEngineVersionsRequest.builder().engine(engine).engineVersion(version).build();
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        String family;
        Optional<CacheParameterGroup> target;
        try {
            var versions = AwsClients.elastiCache(ctx).describeCacheEngineVersions(engineVersions());
            family = versions.cacheEngineVersions().isEmpty() ? null
                    : versions.cacheEngineVersions().get(0).cacheParameterGroupFamily();
            target = parameterGroup(ctx);
        } catch (SdkException e) {
            throw AwsErrors.translate("check parameter group " + parameterGroup, group, e);
        }
        GroupState source = GroupState.load(AwsClients.elastiCache(ctx), group);
        Decision d = decide(family, target.map(CacheParameterGroup::cacheParameterGroupFamily).orElse(null),
                source.parameterGroup(), parameterGroup, engine + " " + version);
        Outcome.Builder b = d.ok() ? Outcome.succeeded(d.summary()) : Outcome.failed(d.summary());
        d.warning().ifPresent(b::warning);
        return b.fact("target-family", family == null ? "unknown" : family)
                .fact("source-parameter-group", source.parameterGroup()).build();
    }

    private Optional<CacheParameterGroup> parameterGroup(ActionContext ctx) throws ActionException {
        try {
            var r = AwsClients.elastiCache(ctx).describeCacheParameterGroups(
                    DescribeCacheParameterGroupsRequest.builder().cacheParameterGroupName(parameterGroup).build());
            return r.cacheParameterGroups().stream().findFirst();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && "CacheParameterGroupNotFound".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The verdict, with an optional warning the operator must act on. */
    record Decision(boolean ok, String summary, Optional<String> warning) {
    }

    /** Pure decision over the described values (null = not found). */
    static Decision decide(String engineFamily, String targetFamily, String sourceGroup, String targetGroup,
                           String target) {
        if (engineFamily == null) {
            return new Decision(false, "AWS lists no engine version " + target + " in this region: check the target"
                    + " engine and version in application.conf.", Optional.empty());
        }
        if (!EXPECTED_FAMILY.equals(engineFamily)) {
            return new Decision(false, target + " has parameter family " + engineFamily + ", expected "
                    + EXPECTED_FAMILY + ": check the target version in application.conf.", Optional.empty());
        }
        if (targetFamily == null) {
            return new Decision(false, "Parameter group " + targetGroup + " does not exist: create it (family "
                    + EXPECTED_FAMILY + ") or use default." + EXPECTED_FAMILY + ".", Optional.empty());
        }
        if (!engineFamily.equals(targetFamily)) {
            return new Decision(false, "Parameter group " + targetGroup + " is of family " + targetFamily
                    + ", expected " + engineFamily + ": AWS would refuse the upgrade (InvalidParameterCombination).",
                    Optional.empty());
        }
        boolean customSource = !sourceGroup.startsWith("default.");
        boolean customTarget = !targetGroup.startsWith("default.");
        if (customSource && !customTarget) {
            return new Decision(false, "The group uses the custom parameter group " + sourceGroup + ", but the"
                    + " target is the default " + targetGroup + ": create a custom " + EXPECTED_FAMILY
                    + " group with the same static values and set target.parameter-group to it.", Optional.empty());
        }
        String line = "Parameter group " + targetGroup + " exists, family " + targetFamily + " (source " + sourceGroup
                + ")";
        return new Decision(true, line, customSource ? Optional.of("Custom parameter groups: check that "
                + targetGroup + " carries the static values of " + sourceGroup + " before the upgrade.")
                : Optional.empty());
    }

    /** SSM: both families asserted; the custom-source-needs-custom-target rule reads a member, so a script. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.of(
                ctx.assertProperty("Family", engine + " " + version + " has parameter family " + EXPECTED_FAMILY,
                        "elasticache", "DescribeCacheEngineVersions", SsmStep.inputs("Engine", engine,
                                "EngineVersion", version), "$.CacheEngineVersions[0].CacheParameterGroupFamily",
                        EXPECTED_FAMILY),
                ctx.assertProperty("Exists", parameterGroup + " exists and is of family " + EXPECTED_FAMILY,
                        "elasticache", "DescribeCacheParameterGroups",
                        SsmStep.inputs("CacheParameterGroupName", parameterGroup),
                        "$.CacheParameterGroups[0].CacheParameterGroupFamily", EXPECTED_FAMILY),
                ctx.script("Pairing", "a custom source parameter group needs a custom target one", "group.py",
                        "parameter_group_pairing", SsmStep.inputs("ReplicationGroupId", ctx.group(),
                                "TargetParameterGroup", parameterGroup)))
                .withTerminalOnly("the warning to compare the static values of two custom parameter groups");
    }
}
