package dev.runbook.run;

import dev.runbook.action.RunFiles;

import dev.runbook.config.InvalidInputException;
import dev.runbook.LocalHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run, one process: the process that drives a run holds an exclusive OS lock on {@value #FILE} in the run's
 * folder for as long as it lives, so a second {@code resume} (or a TUI) of the same run is refused instead of
 * appending a second run to the same journal. The operating system drops the lock when the process dies, so a
 * crash never leaves the run locked; the file itself stays and names the last holder ("PID N on HOST").
 * {@code report} only reads the journal and takes no lock.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "run.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the run in {@code dir}, or the operator's one line {@code run X is in use by PID N on HOST}. */
    public static RunLock take(Path dir) {
        Path file = dir.resolve(FILE);
        String id = dir.getFileName().toString();
        try {
            RunFiles.createOwnerOnly(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this very process already drives it
            }
            if (lock == null) {
                channel.close();
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                throw new InvalidInputException("run " + id + " is in use by "
                        + (holder.isEmpty() ? "another process" : holder)
                        + ": one process drives a run at a time (report " + id + " still works)");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("PID " + LocalHost.pid() + " on " + LocalHost.name() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process is ending; the OS drops the lock with it
        }
    }
}
