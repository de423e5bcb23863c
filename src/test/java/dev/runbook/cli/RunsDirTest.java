package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runbook.run.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where run folders go: an empty or unwritable --runs-dir is the operator's input error, one sentence, exit 2. */
class RunsDirTest {
    @TempDir
    Path tmp;

    @Test
    void anEmptyRunsDirIsInvalidInputAndNothingIsWrittenInTheWorkingDirectory() throws Exception {
        long before;
        try (Stream<Path> s = Files.list(Path.of(""))) {
            before = s.count();
        }
        CliResult r = CliResult.run("rehearse", "--env", "dev", "--non-interactive", "--runs-dir", "");
        assertEquals(2, r.code(), r.err());
        assertEquals("error: --runs-dir: an empty path is not a folder; name one (e.g. --runs-dir runs) or leave the"
                + " flag out for runs-dir from the settings\n", r.err());
        try (Stream<Path> s = Files.list(Path.of(""))) {
            assertEquals(before, s.count(), "no run folder in the working directory");
        }
        assertEquals(2, CliResult.run("report", "--runs-dir", "").code());
    }

    @Test
    void aReadOnlyRunsDirIsOneSentenceNamingTheCauseAndExitTwo() throws Exception {
        Tmpfs ro = Tmpfs.mount(tmp.resolve("ro"), "ro,size=64k");
        assumeTrue(ro != null, "this machine does not allow mounting a read-only tmpfs");
        try (ro) {
            Path runs = ro.dir().resolve("runs");
            CliResult r = CliResult.run("rehearse", "--env", "dev", "--non-interactive", "--runs-dir", runs.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals("error: --runs-dir " + runs + ": cannot create a run folder there (Read-only file system):"
                    + " pass a folder you can write to\n", r.err());
            assertFalse(Files.exists(runs));
        }
    }

    @Test
    void aRunsDirThatIsAFileIsOneSentenceToo() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        CliResult r = CliResult.run("rehearse", "--env", "dev", "--non-interactive", "--runs-dir", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --runs-dir " + file + ": cannot create a run folder there ("), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
