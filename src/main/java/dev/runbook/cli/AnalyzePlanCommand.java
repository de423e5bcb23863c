package dev.runbook.cli;

import dev.runbook.ExitCodes;
import dev.runbook.config.InvalidInputException;
import dev.runbook.action.terraform.PlanAnalysis;
import dev.runbook.action.terraform.PlanExpectations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code analyze-plan PLAN.json}: the runbook's plan analysis for CI pipelines, on the output of
 * {@code terraform show -json PLANFILE}. Prints every change and finding; exit 0 when safe to apply,
 * 3 when blocked (a replication group would be replaced, or the target is wrong), 2 when unreadable.
 */
@Command(name = "analyze-plan", description = "Check a Terraform plan (terraform show -json PLANFILE > PLAN.json) "
        + "for the Valkey 8.0 migration: blocks replacements of a replication group (data loss) and a wrong "
        + "engine, version or parameter group; warns about the maintenance window, TLS in one step and "
        + "topology changes riding along. Exit 0 safe, 3 blocked, 2 unreadable.")
public final class AnalyzePlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN.json", description = "Output of terraform show -json PLANFILE.")
    Path file;

    @Override
    public Integer call() {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": unreadable: no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": unreadable: " + e.getMessage());
        }
        PlanAnalysis.Result result = PlanAnalysis.analyze(json, PlanExpectations.valkey8(Instant.now()));
        if (result.verdict() == PlanAnalysis.Verdict.UNREADABLE) {
            throw new InvalidInputException(file + ": unreadable: " + result.findings().get(0).text());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %s (%s)%n", file, result.verdict(), result.counts());
        result.lines().forEach(out::println);
        out.flush();
        return result.verdict() == PlanAnalysis.Verdict.SAFE ? ExitCodes.OK : ExitCodes.PLAN_BLOCKED;
    }
}
