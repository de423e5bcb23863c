package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.config.InvalidInputException;
import dev.runbook.LocalHost;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One run, one process: the folder lock against a real second process, before and after it is killed. */
class RunLockTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aSecondProcessIsRefusedWhileTheFirstLivesAndTheLockIsFreeOnceItIsKilled() throws Exception {
        Path run = Files.createDirectory(dir.resolve("20261201-093000-dev"));
        Process first = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "target/classes" + java.io.File.pathSeparator + "target/test-classes",
                RunLockHolder.class.getName(), run.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine(), "the first process did not take the lock");

            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> RunLock.take(run));
            assertEquals("run 20261201-093000-dev is in use by PID " + first.pid() + " on " + LocalHost.name()
                    + ": one process drives a run at a time (report 20261201-093000-dev still works)", refused.getMessage());
        } finally {
            first.destroyForcibly();
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        }
        try (RunLock lock = RunLock.take(run)) {
            assertEquals("PID " + ProcessHandle.current().pid() + " on " + LocalHost.name(),
                    Files.readString(run.resolve(RunLock.FILE)).trim(), "the lock file names its new holder");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve(RunLock.FILE))));
        }
    }

    @Test
    void theSameProcessCannotDriveOneRunTwice() throws Exception {
        Path run = Files.createDirectory(dir.resolve("r"));
        try (RunLock lock = RunLock.take(run)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunLock.take(run));
            assertTrue(e.getMessage().startsWith("run r is in use by PID " + ProcessHandle.current().pid() + " on "),
                    e.getMessage());
        }
        RunLock.take(run).close();
    }
}
