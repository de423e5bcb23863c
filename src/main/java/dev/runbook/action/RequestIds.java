package dev.runbook.action;

import java.util.List;
import software.amazon.awssdk.awscore.AwsResponse;

/**
 * The AWS request id of a response, for the journal and report; null when the response carries none (a response
 * built by a simulation or a test fake rather than read off the wire).
 */
public final class RequestIds {
    private RequestIds() {
    }

    public static String of(AwsResponse response) {
        return response == null || response.responseMetadata() == null ? null
                : response.responseMetadata().requestId();
    }

    /** Adds the response's request id to {@code ids} when it has one. */
    public static void add(List<String> ids, AwsResponse response) {
        String id = of(response);
        if (id != null) {
            ids.add(id);
        }
    }
}
