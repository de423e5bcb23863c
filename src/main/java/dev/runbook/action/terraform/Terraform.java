package dev.runbook.action.terraform;

import dev.runbook.action.ActionException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The seam between the Terraform steps and Terraform itself: {@link ProcessTerraform} runs the real
 * executable, {@link SimulatedTerraform} derives plans from the (simulated) replication group in a rehearsal.
 * Every call works in one Terraform root directory; output lines go to the given sink as they come.
 * A failure to run at all (missing executable, timeout) is an {@link ActionException}; Terraform's own
 * failure is its non-zero exit code.
 */
public interface Terraform {
    /** {@code terraform version -json} in {@code dir}: Terraform's version and the providers it selected there. */
    TerraformVersion version(Path dir) throws ActionException, InterruptedException;

    /** {@code terraform plan -input=false -no-color -out=PLANFILE [extraArgs]}; returns the exit code. */
    int plan(Path dir, List<String> extraArgs, Path planFile, Consumer<String> lines)
            throws ActionException, InterruptedException;

    /** {@code terraform show -json PLANFILE}: the plan as JSON (format_version 1.x). */
    String showJson(Path dir, Path planFile) throws ActionException, InterruptedException;

    /** {@code terraform apply -input=false -no-color PLANFILE}: applies exactly that saved plan; the exit code. */
    int apply(Path dir, Path planFile, Consumer<String> lines) throws ActionException, InterruptedException;
}
