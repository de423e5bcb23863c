package dev.runbook.action.terraform;

import dev.runbook.action.ActionException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the real {@code terraform} executable: the one named by the environment variable
 * {@value #ENV_VAR} if set, else {@code terraform} from PATH. Every call runs with {@code -chdir=DIR},
 * stdin closed, {@code TF_IN_AUTOMATION=1}, and a timeout; output lines are streamed as they come. On a
 * timeout or an interrupt Terraform is asked to stop (SIGTERM: it finishes what is in flight and writes its
 * state), then killed with its provider processes if it has not stopped within the grace period.
 */
public final class ProcessTerraform implements Terraform {
    /** Environment variable naming the terraform executable to use instead of the one on PATH. */
    public static final String ENV_VAR = "RUNBOOK_TERRAFORM";
    private static final long PUMP_JOIN_MILLIS = 2_000;

    private final String executable;
    private final Duration quickTimeout;
    private final Duration planTimeout;
    private final Duration applyTimeout;
    private final Duration stopGrace;

    /** $RUNBOOK_TERRAFORM or terraform on PATH; version/show 2m, plan 30m, apply 2h, 30s to stop. */
    public ProcessTerraform() {
        this(defaultExecutable(System.getenv(ENV_VAR)), Duration.ofMinutes(2), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofSeconds(30));
    }

    public ProcessTerraform(String executable, Duration quickTimeout, Duration planTimeout, Duration applyTimeout,
                            Duration stopGrace) {
        this.executable = executable;
        this.quickTimeout = quickTimeout;
        this.planTimeout = planTimeout;
        this.applyTimeout = applyTimeout;
        this.stopGrace = stopGrace;
    }

    static String defaultExecutable(String fromEnv) {
        return fromEnv == null || fromEnv.isBlank() ? "terraform" : fromEnv.trim();
    }

    /** The command line a call runs, for previews and the log: {@code terraform -chdir=DIR plan ...}. */
    public static String commandLine(Path dir, List<String> args) {
        return "terraform -chdir=" + dir + " " + String.join(" ", args);
    }

    static List<String> planArgs(Path planFile, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("plan", "-input=false", "-no-color", "-out=" + planFile));
        args.addAll(extraArgs);
        return args;
    }

    static List<String> applyArgs(Path planFile) {
        return List.of("apply", "-input=false", "-no-color", planFile.toString());
    }

    static List<String> showArgs(Path planFile) {
        return List.of("show", "-json", "-no-color", planFile.toString());
    }

    @Override
    public TerraformVersion version(Path dir) throws ActionException, InterruptedException {
        return TerraformVersion.parse(capture(dir, List.of("version", "-json"), "terraform version"));
    }

    @Override
    public int plan(Path dir, List<String> extraArgs, Path planFile, Consumer<String> lines)
            throws ActionException, InterruptedException {
        return run(dir, planArgs(planFile.toAbsolutePath(), extraArgs), planTimeout, lines, lines, "terraform plan");
    }

    @Override
    public String showJson(Path dir, Path planFile) throws ActionException, InterruptedException {
        return capture(dir, showArgs(planFile.toAbsolutePath()), "terraform show -json");
    }

    @Override
    public int apply(Path dir, Path planFile, Consumer<String> lines) throws ActionException, InterruptedException {
        return run(dir, applyArgs(planFile.toAbsolutePath()), applyTimeout, lines, lines, "terraform apply");
    }

    /** Runs a quick command and returns its stdout; a non-zero exit is an error naming Terraform's own. */
    private String capture(Path dir, List<String> args, String what) throws ActionException, InterruptedException {
        StringBuilder out = new StringBuilder();
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        int exit = run(dir, args, quickTimeout, line -> out.append(line).append('\n'), err::add, what);
        if (exit != 0) {
            throw new ActionException(what + " failed (exit " + exit + "): " + TerraformOutput.errorOf(err)
                    + ": run it by hand in " + dir + " to see why");
        }
        return out.toString();
    }

    private int run(Path dir, List<String> args, Duration timeout, Consumer<String> out, Consumer<String> err,
                    String what) throws ActionException, InterruptedException {
        if (!Files.isDirectory(dir)) {
            throw new ActionException("The Terraform directory " + dir.toAbsolutePath().normalize()
                    + " does not exist: check terraform-dir in the settings and the working directory");
        }
        List<String> command = new ArrayList<>(List.of(executable, "-chdir=" + dir.toAbsolutePath()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TF_IN_AUTOMATION", "1");
        builder.environment().put("TF_INPUT", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ActionException("Terraform could not be started ('" + executable + "' not found or not"
                    + " executable): install Terraform 1.x (https://developer.hashicorp.com/terraform/install)"
                    + " and put it on PATH, or set " + ENV_VAR + " to its full path", null, null, e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // stdin is closed either way: Terraform then cannot wait for input.
        }
        Thread stdout = pump(process.getInputStream(), out, what + " stdout");
        Thread stderr = pump(process.getErrorStream(), err, what + " stderr");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new ActionException(what + " did not finish within " + WindowOpening.human(timeout)
                        + " and was stopped: run it by hand in " + dir + " to see where it hangs");
            }
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
        stdout.join(PUMP_JOIN_MILLIS);
        stderr.join(PUMP_JOIN_MILLIS);
        return process.exitValue();
    }

    /** SIGTERM (Terraform stops gracefully), then after the grace period a kill of it and its providers. */
    private void stop(Process process) {
        process.destroy();
        boolean interrupted = false;
        try {
            if (process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream stream, Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The process was stopped and its pipe closed: nothing more to read.
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
