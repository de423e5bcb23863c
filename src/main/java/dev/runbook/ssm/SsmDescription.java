package dev.runbook.ssm;

import dev.runbook.config.Environment;
import dev.runbook.runbook.Runbook;
import java.util.List;

/**
 * The document's description (Markdown, shown in the console): what it migrates, how to run it, and — so nothing
 * is silently dropped — which of the runbook's checks only the terminal runbook performs.
 */
final class SsmDescription {
    private final Runbook runbook;
    private final Environment env;
    private final String version;
    private final String terraformNote;

    SsmDescription(Runbook runbook, Environment env, String version, String terraformNote) {
        this.runbook = runbook;
        this.env = env;
        this.version = version;
        this.terraformNote = terraformNote;
    }

    String text(List<String> notExported, List<String> partly, List<String> notApplicable, boolean hasRollback) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(runbook.title()).append(" (").append(env.name()).append(")\n\n")
                .append("Exported by ").append(version).append(" (export-ssm --env ").append(env.name())
                .append(") from ").append(runbook.file()).append(". Each step's description carries the guide's"
                        + " wording. Every change waits for an aws:approve by the Approvers.\n\n");
        if (hasRollback) {
            b.append("After the first change, a failed step goes to the rollback (restore the pre-migration snapshot"
                    + " into a new group, after its own approval); a cancel goes to the rollback's first check, and"
                    + " AWS gives the cancel path at most two minutes: check the new group afterwards. The guide's"
                    + " Terraform rollback is never exported (it would replace the group: data loss).\n\n");
        }
        b.append("Data-plane checks run on DataPlaneInstanceId with AWS-RunShellScript and are skipped when it is"
                + " empty. The AUTH token is read on the instance (or by the restore script) from the SecureString"
                + " parameter /valkey-runbook/<group>/auth-token, never passed as a parameter.\n\n");
        if (!terraformNote.isBlank()) {
            b.append(terraformNote).append("\n\n");
        }
        list(b, "Only the terminal runbook performs", notExported);
        list(b, "Parts only the terminal runbook does", partly);
        list(b, "Not for this environment", notApplicable);
        return b.toString().strip();
    }

    private static void list(StringBuilder b, String heading, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("## ").append(heading).append("\n\n");
        items.forEach(i -> b.append("- ").append(i).append('\n'));
        b.append('\n');
    }
}
