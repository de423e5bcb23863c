package dev.runbook.action.terraform;

import dev.runbook.action.PreviewContext;

import dev.runbook.action.RunFiles;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Preview;
import dev.runbook.action.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What the plan and plan-rollback steps share: find the runner, check Terraform and the AWS provider
 * versions, {@code plan -out} into the run folder with the output streamed to the log, save
 * {@code show -json} next to it, hash the plan file and analyse the JSON.
 */
final class PlanRun {
    /** A saved, analysed plan. */
    record Planned(Path planFile, Path jsonFile, String sha256, PlanAnalysis.Result analysis, TerraformVersion version) {
    }

    private PlanRun() {
    }

    /** The backend's Terraform (the simulation in a rehearsal), else the real executable. */
    static Terraform runner(ActionContext ctx) {
        return ctx.service(Terraform.class).orElseGet(ProcessTerraform::new);
    }

    /** The log sink every Terraform step streams to: redacted, so a secret printed by Terraform stays hidden. */
    static TerraformOutput output(ActionContext ctx) {
        return new TerraformOutput(line -> ctx.progress().log(Redaction.redact(line)));
    }

    /** The preview both plan steps show: the plan and show commands they would run, nothing run. */
    static Preview preview(PreviewContext ctx, Path dir, List<String> extraArgs, String name, String summary) {
        Path planFile = ctx.runDir().resolve(name);
        return Preview.of(summary, ProcessTerraform.commandLine(dir, ProcessTerraform.planArgs(planFile, extraArgs)),
                ProcessTerraform.commandLine(dir, ProcessTerraform.showArgs(planFile)));
    }

    static Planned plan(ActionContext ctx, Path dir, List<String> extraArgs, String name, PlanExpectations expect)
            throws ActionException, InterruptedException {
        Terraform tf = runner(ctx);
        TerraformVersion version = checkVersions(tf, dir);
        Path planFile = ctx.runDir().resolve(name).toAbsolutePath();
        Path jsonFile = planFile.resolveSibling(name + ".json");
        try {
            Files.createDirectories(planFile.getParent());
        } catch (IOException e) {
            throw new ActionException("Cannot create the run folder " + planFile.getParent() + ": " + e.getMessage());
        }
        ctx.progress().status("terraform plan in " + dir);
        ctx.progress().log("$ " + ProcessTerraform.commandLine(dir, ProcessTerraform.planArgs(planFile, extraArgs)));
        TerraformOutput output = output(ctx);
        int exit = tf.plan(dir, extraArgs, planFile, output);
        if (exit != 0) {
            throw new ActionException("terraform plan failed (exit " + exit + "): " + output.error()
                    + ": fix it in " + dir + " and run this step again");
        }
        String json = tf.showJson(dir, planFile);
        try {
            RunFiles.restrict(planFile);
            RunFiles.write(jsonFile, json);
        } catch (IOException e) {
            throw new ActionException("Cannot save the plan JSON to " + jsonFile + ": " + e.getMessage());
        }
        PlanAnalysis.Result analysis = PlanAnalysis.analyze(json, expect);
        analysis.lines().forEach(line -> ctx.progress().log(line));
        return new Planned(planFile, jsonFile, sha256(planFile), analysis, version);
    }

    private static TerraformVersion checkVersions(Terraform tf, Path dir) throws ActionException, InterruptedException {
        TerraformVersion v = tf.version(dir);
        if (TerraformVersion.compare(v.terraform(), TerraformVersion.MIN_TERRAFORM) < 0) {
            throw new ActionException("Terraform " + v.terraform() + " is too old (need " + TerraformVersion.MIN_TERRAFORM
                    + " or newer for -chdir and the plan JSON): install a current Terraform 1.x");
        }
        String aws = v.awsProvider().orElse(null);
        if (aws != null && TerraformVersion.compare(aws, TerraformVersion.MIN_AWS_PROVIDER) < 0) {
            throw new ActionException("The AWS provider selected in " + dir + " is " + aws + ", which rejects"
                    + " engine = \"valkey\" (needs " + TerraformVersion.MIN_AWS_PROVIDER + " or newer): raise the"
                    + " hashicorp/aws version constraint and run terraform init -upgrade");
        }
        return v;
    }

    static String sha256(Path file) throws ActionException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new ActionException("Cannot read the plan file " + file + ": " + e.getMessage() + ": plan again");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
