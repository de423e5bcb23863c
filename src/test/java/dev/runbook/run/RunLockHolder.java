package dev.runbook.run;

import java.nio.file.Path;

/** A second process for {@link RunLockTest}: locks the run folder it is given, says so, and lives until killed. */
public final class RunLockHolder {
    private RunLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        RunLock lock = RunLock.take(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        System.in.read(); // lives until killed (or stdin closes)
        lock.close();
    }
}
