package dev.runbook.action.elasticache;

import dev.runbook.action.RequestIds;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsErrors;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends one mutating request for a step and logs it: the request as previewed, its request id, or the
 * operator's sentence when AWS refuses it. Keeps the try/translate pattern in one place.
 */
final class Modify {
    private Modify() {
    }

    /** One mutating call. */
    @FunctionalInterface
    interface Call {
        AwsResponse send();
    }

    static void send(ActionContext ctx, String doing, String group, Object request, Call call)
            throws ActionException {
        ctx.progress().log("Sending " + request);
        try {
            AwsResponse r = call.send();
            ctx.progress().log("AWS accepted the request (request id " + RequestIds.of(r) + ")");
        } catch (AwsServiceException e) {
            if (e.statusCode() >= 500) {
                throw mayHaveApplied(doing, group, e);
            }
            throw AwsErrors.translate(doing, group, e);
        } catch (SdkException e) {
            throw AwsErrors.translate(doing, group, e);
        }
    }

    /**
     * A server error on a change does not say the change was refused: AWS may have taken it before failing to
     * answer. So the operator is told to look before retrying, and the status and request id go to the journal.
     */
    private static ActionException mayHaveApplied(String doing, String group, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String id = e.requestId() == null || e.requestId().isBlank() ? "none sent" : e.requestId();
        return new ActionException("AWS answered HTTP " + e.statusCode() + (code == null || code.isBlank() ? ""
                : " (" + code + ")") + " when trying to " + doing + " (request id " + id + "): the change MAY HAVE"
                + " BEEN APPLIED anyway. Check " + group + " (its status and pending changes: aws elasticache "
                + "describe-replication-groups --replication-group-id " + group + ") before retrying the step.",
                code == null || code.isBlank() ? "HTTP " + e.statusCode() : code, e.requestId(), e.statusCode(), e);
    }
}
