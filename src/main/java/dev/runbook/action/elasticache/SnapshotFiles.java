package dev.runbook.action.elasticache;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a snapshot's data is as a file, when the backend has one: a rehearsal on real engines keeps the primary's
 * RDB in the run folder as the snapshot. {@link CreateSnapshot} reports its name, size and SHA-256.
 */
public interface SnapshotFiles {
    /** A snapshot's RDB file: path, size in bytes, SHA-256 (hex). */
    record SnapshotFile(Path path, long bytes, String sha256) {
    }

    Optional<SnapshotFile> file(String snapshotName);
}
