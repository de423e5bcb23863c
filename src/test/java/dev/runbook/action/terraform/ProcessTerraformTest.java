package dev.runbook.action.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ProcessTerraformTest {
    @TempDir
    Path temp;

    @Test
    void versionReadsTheAwsProviderAndIgnoresWarningsOnStderr() throws Exception {
        TerraformVersion v = FakeTerraform.runner().version(FakeTerraform.root(temp, "old-provider"));
        assertEquals("1.9.8", v.terraform());
        assertEquals("5.72.0", v.awsProvider().orElseThrow());
    }

    @Test
    void planRunsInTheDirectoryWithoutInputAndStreamsItsOutput() throws Exception {
        Path dir = FakeTerraform.root(temp, "good");
        Path planFile = temp.resolve("tfplan");
        List<String> lines = new CopyOnWriteArrayList<>();
        int exit = FakeTerraform.runner().plan(dir, List.of("-var=x=1"), planFile, lines::add);
        assertEquals(0, exit);
        assertEquals("Plan: 0 to add, 1 to change, 0 to destroy.", lines.get(2));
        assertEquals("plan -input=false -no-color -out=" + planFile.toAbsolutePath() + " -var=x=1",
                Files.readAllLines(dir.resolve("calls.log")).get(0));
        assertTrue(FakeTerraform.runner().showJson(dir, planFile).contains("\"format_version\": \"1.2\""));
    }

    @Test
    void aFailingApplyReturnsItsExitCodeWithTheErrorStreamed() throws Exception {
        Path dir = FakeTerraform.root(temp, "apply-fails");
        List<String> lines = new CopyOnWriteArrayList<>();
        assertEquals(1, FakeTerraform.runner().apply(dir, temp.resolve("tfplan"), lines::add));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Error: modifying ElastiCache Replication Group")), lines.toString());
    }

    @Test
    void aMissingExecutableSaysHowToInstallTerraform() {
        ProcessTerraform tf = new ProcessTerraform(temp.resolve("no-terraform").toString(), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1));
        ActionException e = assertThrows(ActionException.class, () -> tf.version(temp));
        assertEquals("Terraform could not be started ('" + temp.resolve("no-terraform") + "' not found or not"
                + " executable): install Terraform 1.x (https://developer.hashicorp.com/terraform/install) and put it"
                + " on PATH, or set RUNBOOK_TERRAFORM to its full path", e.getMessage());
    }

    @Test
    void aMissingDirectoryIsNamed() {
        ActionException e = assertThrows(ActionException.class,
                () -> FakeTerraform.runner().version(temp.resolve("envs/nowhere")));
        assertEquals("The Terraform directory " + temp.resolve("envs/nowhere") + " does not exist: check"
                + " terraform-dir in the settings and the working directory", e.getMessage());
    }

    @Test
    void theExecutableComesFromTheEnvironmentVariableWhenSet() {
        assertEquals("terraform", ProcessTerraform.defaultExecutable(null));
        assertEquals("terraform", ProcessTerraform.defaultExecutable(" "));
        assertEquals("/opt/tf/terraform", ProcessTerraform.defaultExecutable("/opt/tf/terraform"));
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPlanThatHangsIsStoppedAtItsTimeout() throws Exception {
        Path dir = FakeTerraform.root(temp, "plan-hangs");
        ProcessTerraform tf = FakeTerraform.runner(Duration.ofMillis(500), Duration.ofSeconds(5));
        ActionException e = assertThrows(ActionException.class,
                () -> tf.plan(dir, List.of(), temp.resolve("tfplan"), line -> { }));
        assertEquals("terraform plan did not finish within 500ms and was stopped: run it by hand in " + dir
                + " to see where it hangs", e.getMessage());
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anInterruptedApplyStopsTerraformAndPropagates() throws Exception {
        Path dir = FakeTerraform.root(temp, "apply-hangs");
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread applying = new Thread(() -> {
            try {
                FakeTerraform.runner().apply(dir, temp.resolve("tfplan"), line -> started.countDown());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        applying.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        applying.interrupt();
        applying.join(10_000);
        assertFalse(applying.isAlive());
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    }
}
