package dev.runbook;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who and where this process is, as the lease on the group and the lock on a run folder name it: the host name
 * (from HOSTNAME or /etc/hostname first, so no DNS lookup can stall the start of a run), the OS user, the PID.
 */
public final class LocalHost {
    private LocalHost() {
    }

    public static String name() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            String file = Files.readString(Path.of("/etc/hostname")).trim();
            if (!file.isEmpty()) {
                return file;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    public static String user() {
        return System.getProperty("user.name", "unknown");
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }
}
