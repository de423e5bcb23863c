package dev.runbook.action.elasticache;

import dev.runbook.aws.RequestIds;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.aws.AwsErrors;
import java.util.List;
import software.amazon.awssdk.awscore.AwsResponse;
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

    static void send(ActionContext ctx, String doing, String group, Object request, List<String> requestIds, Call call)
            throws ActionException {
        ctx.progress().log("Sending " + request);
        try {
            AwsResponse r = call.send();
            RequestIds.add(requestIds, r);
            ctx.progress().log("AWS accepted the request (request id " + RequestIds.of(r) + ")");
        } catch (SdkException e) {
            throw AwsErrors.translate(doing, group, e);
        }
    }
}
