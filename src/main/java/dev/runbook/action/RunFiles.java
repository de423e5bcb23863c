package dev.runbook.action;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Creates the files and folders under runs/ owner-only (0700 folders, 0600 files): they name real systems. */
public final class RunFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private RunFiles() {
    }

    public static Path createOwnerOnlyDirectories(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            createOwnerOnlyDirectories(parent);
        }
        if (!Files.exists(dir)) {
            if (POSIX) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        }
        return dir;
    }

    /** Creates {@code file} empty and owner-only if it does not exist yet. */
    public static Path createOwnerOnly(Path file) throws IOException {
        try {
            if (POSIX) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // appending to an existing run (resume)
        }
        return file;
    }

    /** Makes an existing file owner-only (one a child process such as terraform wrote with its own umask). */
    public static Path restrict(Path file) throws IOException {
        if (POSIX && Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    /**
     * The cause of a failed file operation in the operator's words, as the OS gives it: "No space left on device",
     * "Read-only file system", "Permission denied".
     */
    public static String why(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Writes {@code text} to {@code file}, owner-only. */
    public static Path write(Path file, String text) throws IOException {
        createOwnerOnly(file);
        Files.writeString(file, text);
        return file;
    }
}
