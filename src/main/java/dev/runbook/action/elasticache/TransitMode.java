package dev.runbook.action.elasticache;

import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/** The group's in-transit encryption in one word: {@code off}, {@code preferred}, {@code required} (or AWS's word). */
final class TransitMode {
    private TransitMode() {
    }

    /**
     * {@code off} when TransitEncryptionEnabled is false or absent. A group with TLS on and no mode in the answer
     * reads {@code unknown}: groups that had TLS from creation may answer without a mode (UNCERTAIN), and the
     * runbook never guesses one.
     */
    static String of(ReplicationGroup g) {
        if (!Boolean.TRUE.equals(g.transitEncryptionEnabled())) {
            return "off";
        }
        String mode = g.transitEncryptionModeAsString();
        return mode == null || mode.isBlank() ? "unknown" : mode;
    }
}
