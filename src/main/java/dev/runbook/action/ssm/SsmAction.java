package dev.runbook.action.ssm;

/** The Systems Manager Automation actions an exported runbook uses, by their document names. */
public enum SsmAction {
    APPROVE("aws:approve"),
    EXECUTE_AWS_API("aws:executeAwsApi"),
    ASSERT_PROPERTY("aws:assertAwsResourceProperty"),
    WAIT_FOR_PROPERTY("aws:waitForAwsResourceProperty"),
    EXECUTE_SCRIPT("aws:executeScript"),
    RUN_COMMAND("aws:runCommand"),
    BRANCH("aws:branch"),
    SLEEP("aws:sleep");

    private final String documentName;

    SsmAction(String documentName) {
        this.documentName = documentName;
    }

    /** As written in a document's {@code action:} field. */
    public String documentName() {
        return documentName;
    }

    /** The cancel path cannot go to these (AWS user guide, onCancel). */
    public boolean allowedOnCancelPath() {
        return this != APPROVE && this != SLEEP;
    }
}
