package dev.runbook.action.dataplane;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmScripts;
import dev.runbook.action.ssm.SsmStep;
import java.time.Duration;
import java.util.ArrayList;

/**
 * {@code dataplane.endpoint-check}: the guide's {@code redis-cli ping}, plus which engine and version answer
 * ({@code INFO server}, read by {@link EngineIdentity}'s rule). Fails when they differ from what the step
 * expects (redis 7.0 before the change, valkey 8.0 after).
 */
public record EndpointCheck(String expectEngine, String expectVersion) implements Action {
    static final Duration TIMEOUT = Duration.ofSeconds(5);


    public static EndpointCheck create(Params p) {
        EndpointCheck action = new EndpointCheck(p.string("expect-engine"), p.string("expect-version"));
        return action;
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("PING " + JedisConnector.previewEndpoint(ctx) + " and read INFO server; expect "
                + expectEngine + " " + expectVersion, "PING", "INFO server");
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        try {
            CacheConnector connector = ctx.service(CacheConnector.class).orElseGet(() -> JedisConnector.forRun(ctx));
            ctx.progress().status("PING " + connector.describe());
            EndpointReading r = EndpointReading.read(connector, TIMEOUT);
            EngineIdentity id = r.identity();
            String found = connector.describe() + " runs " + id + " (" + id.mode() + "), PING " + r.pingText() + " ms";
            Outcome.Builder b = id.matches(expectEngine, expectVersion)
                    ? Outcome.succeeded(found)
                    : awaitsTheChange(ctx)
                    ? Outcome.cannotCheck("cannot check: expects " + expectEngine + " " + expectVersion + ", which only"
                            + " the engine change this dry run did not send would bring — " + found)
                    : Outcome.failed(found + "; expected " + expectEngine + " " + expectVersion);
            return b.fact("engine", id.engine()).fact("version", id.version()).fact("mode", id.mode())
                    .fact("ping-ms", r.pingText()).build();
        } catch (CacheException e) {
            throw new ActionException(e.getMessage(), null, null, e);
        }
    }

    /** A dry run sends no engine change, so a check that expects the target engine cannot pass there. */
    private boolean awaitsTheChange(ActionContext ctx) {
        return ctx.mode() == Mode.DRY_RUN && expectEngine.equalsIgnoreCase(ctx.environment().target().engine());
    }

    /**
     * SSM: on the DataPlaneInstanceId instance (skipped when empty), PING and INFO server with valkey-cli or
     * redis-cli. The AUTH token is read on the instance (the file the settings name, else the SecureString
     * parameter) into REDISCLI_AUTH: never a document parameter, never on a command line.
     */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        var dp = ctx.environment().dataPlane();
        var steps = new ArrayList<SsmStep>();
        steps.add(ctx.skipWithoutInstance());
        String host = dp.host();
        String port = String.valueOf(dp.port());
        if (host.isBlank()) {
            steps.add(ctx.awsApi("Endpoint", "the primary endpoint", "elasticache", "DescribeReplicationGroups",
                    SsmStep.inputs("ReplicationGroupId", ctx.group()),
                    SsmOutput.string("Address", "$.ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint.Address"),
                    SsmOutput.of("Port", "$.ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint.Port", "Integer")));
            host = ctx.output("Endpoint", "Address");
            port = ctx.output("Endpoint", "Port");
        }
        String auth = !dp.authTokenFile().isBlank()
                ? "REDISCLI_AUTH=\"$(cat '" + dp.authTokenFile() + "')\"; export REDISCLI_AUTH"
                : !dp.authTokenEnv().isBlank()
                        ? "REDISCLI_AUTH=\"$(aws ssm get-parameter --name '" + SsmContext.TOKEN_PARAMETER
                                + "' --with-decryption --query Parameter.Value --output text)\"; export REDISCLI_AUTH"
                        : "# no AUTH token: the settings name none for this environment";
        String script = SsmScripts.load("endpoint-check.sh").replace("@AUTH@", auth).replace("@HOST@", host)
                .replace("@PORT@", port).replace("@TLS@", !dp.tls() ? "" : dp.caFile().isBlank() ? "--tls"
                        : "--tls --cacert '" + dp.caFile() + "'")
                .replace("@ENGINE@", expectEngine).replace("@VERSION@", expectVersion);
        steps.add(ctx.shell("Ping", "PING and INFO server: expect " + expectEngine + " " + expectVersion,
                script.lines().filter(l -> !l.startsWith("#")).toList(), TIMEOUT.multipliedBy(12)));
        SsmForm.Exported form = SsmForm.of(steps).withTerminalOnly("the PING latency (median of 5 round trips) from"
                + " the operator's machine");
        return dp.caFile().isBlank() ? form : form.withTerminalOnly("the instance needs the CA file " + dp.caFile()
                + " at the same path");
    }
}
