package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on a full filesystem (a 64 KiB tmpfs filled up): the error names the cause the OS gave, and the
 * line that did not fit is cut off again, so the journal never ends torn and every line in it still reads.
 */
class FullDiskTest {
    @TempDir
    Path tmp;

    @Test
    void aJournalLineThatDoesNotFitSaysNoSpaceLeftAndLeavesNoTornLine() throws Exception {
        Tmpfs disk = Tmpfs.mount(tmp.resolve("small"), "size=64k");
        assumeTrue(disk != null, "this machine does not allow mounting a tmpfs");
        try (disk) {
            Path run = Files.createDirectories(disk.dir().resolve("run"));
            try (Journal journal = Journal.open(run)) {
                journal.append(JournalEvent.at("2026-12-01T10:00:00Z", "r").summary("start").is(JournalEvent.Kind.RUN_STARTED));
                // fill what is left of the disk
                byte[] block = new byte[4096];
                try (var out = Files.newOutputStream(disk.dir().resolve("filler"))) {
                    while (true) {
                        out.write(block);
                    }
                } catch (java.io.IOException full) {
                    // the disk is full now
                }
                String big = "x".repeat(20_000);
                UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
                    for (int i = 0; i < 100; i++) {
                        journal.append(new JournalEvent("2026-12-01T10:00:01Z", "r", "migrate/x", "started", true, big,
                                Map.of(), null, "alice", null, null));
                    }
                });
                assertTrue(e.getMessage().contains(": No space left on device (the run stopped here; fix that, then resume)"),
                        e.getMessage());
            }
            String text = Files.readString(run.resolve(Journal.FILE));
            assertTrue(text.endsWith("\n"), "the last line is whole");
            assertEquals(java.util.List.of(), Journal.read(run.resolve(Journal.FILE)).problems());
        }
    }
}
