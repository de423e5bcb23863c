package dev.runbook.cli;

import dev.runbook.ExitCodes;
import dev.runbook.action.Mode;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.action.PreviewContext;
import dev.runbook.runbook.Runbook;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plan --env ENV}: the numbered plan with every step's preview. Builds no AWS client. */
@Command(name = "plan", description = "Print the numbered plan for an environment: every step, whether it "
        + "mutates, its confirmation and the exact request it would send. Needs no AWS credentials.")
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment from the settings (dev, prod).")
    String env;

    @Override
    public Integer call() {
        Settings settings = common.settings();
        Environment environment = settings.environment(env);
        Runbook runbook = common.loader().load(common.runbook(), environment);
        new PlanPrinter(spec.commandLine().getOut()).print(runbook, environment,
                PreviewContext.of(environment, settings, Mode.LIVE));
        return ExitCodes.OK;
    }
}
