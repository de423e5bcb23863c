package dev.runbook.action.dataplane;

import dev.runbook.action.ActionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Another group's data against the fingerprint this run recorded before the migration: how the restore step
 * tells whether a rollback group holds the pre-migration data. Empty when nothing was recorded or the group
 * cannot be read (the restore itself stands; the log says why).
 */
public final class RecordedData {
    private RecordedData() {
    }

    public static Optional<FingerprintComparison> compare(ActionContext ctx, CacheConnector connector, String group) {
        Path file = ctx.runDir().resolve(Fingerprint.FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (CacheClient client = connector.open(Fingerprint.TIMEOUT)) {
            return Optional.of(FingerprintComparison.compare(client, DataFingerprint.load(file)));
        } catch (IOException | CacheException e) {
            ctx.progress().log("Could not compare " + group + " with the data recorded before the migration: "
                    + e.getMessage());
            return Optional.empty();
        }
    }
}
