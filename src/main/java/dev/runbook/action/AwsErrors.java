package dev.runbook.action;

import dev.runbook.action.ActionException;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the AWS SDK throws into one operator sentence with what to do next, keeping the AWS error code and
 * request id for the journal. Decisions are made on exception types, error codes, HTTP status and where a
 * client-side failure came from (credential or region providers), never on message text.
 */
public final class AwsErrors {
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException", "RequestThrottled", "SlowDown");
    private static final Set<String> CREDENTIALS = Set.of("ExpiredToken", "ExpiredTokenException",
            "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "MissingAuthenticationToken",
            "InvalidSignatureException", "IncompleteSignature", "AuthFailure");
    private static final Set<String> ACCESS = Set.of("AccessDenied", "AccessDeniedException");

    private AwsErrors() {
    }

    /**
     * The operator's error for a failed call.
     *
     * @param doing what the step was doing, e.g. "describe replication group goorm-popcorn-cache-dev"
     * @param group the replication group the step works on (named in not-found messages)
     */
    public static ActionException translate(String doing, String group, SdkException e) {
        return translate(doing, group, null, e);
    }

    /**
     * As {@link #translate(String, String, SdkException)}, and a refusal for want of a permission names it
     * ({@code permission}, e.g. "elasticache:AddTagsToResource"), so the operator knows what to ask for.
     */
    public static ActionException translate(String doing, String group, String permission, SdkException e) {
        if (e instanceof AwsServiceException ase) {
            return service(doing, group, permission, ase);
        }
        return new ActionException(client(doing, e), null, null, e);
    }

    private static ActionException service(String doing, String group, String permission, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String awsMessage = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        int status = e.statusCode();
        String sentence;
        if ("ReplicationGroupNotFoundFault".equals(code)) {
            sentence = "Replication group " + group + " was not found: check replication-group-id in application.conf"
                    + " and the AWS region/profile, then retry.";
        } else if ("InvalidReplicationGroupState".equals(code) || "InvalidReplicationGroupStateFault".equals(code)) {
            sentence = group + " is busy (another change or a snapshot is in progress), so AWS refused to "
                    + doing + ": wait until its status is available, then retry the step.";
        } else if ("InvalidParameterCombination".equals(code) || "InvalidParameterValue".equals(code)) {
            sentence = "AWS rejected the parameters to " + doing + " (" + code + ": " + awsMessage
                    + "): fix the environment's settings in application.conf, then retry.";
        } else if (code != null && THROTTLING.contains(code)) {
            sentence = "AWS kept throttling the calls to " + doing + " after the SDK's retries: wait a minute, then"
                    + " retry the step.";
        } else if (code != null && CREDENTIALS.contains(code)) {
            sentence = "AWS did not accept the credentials (" + code + ") when trying to " + doing
                    + ": refresh them (aws sso login, or new keys), then retry.";
        } else if (code != null && ACCESS.contains(code) && permission != null) {
            sentence = "The AWS identity may not " + doing + " (" + code + "): grant it " + permission
                    + " on the replication group, then retry.";
        } else if (code != null && ACCESS.contains(code)) {
            sentence = "The AWS identity may not " + doing + " (" + code + "): grant the permission, then retry.";
        } else if (status >= 500 && (code == null || code.isBlank())) {
            sentence = "The AWS endpoint answered HTTP " + status + " with an error page instead of an AWS response"
                    + " when trying to " + doing + ": AWS or a proxy in between may be degraded; retry in a few minutes.";
        } else if (code == null || code.isBlank()) {
            sentence = "AWS answered HTTP " + status + " without an error code when trying to " + doing
                    + ": check the endpoint and retry.";
        } else {
            sentence = "AWS refused to " + doing + " (" + code + (awsMessage == null ? "" : ": " + awsMessage)
                    + "): fix the cause, then retry the step.";
        }
        return new ActionException(sentence, code, e.requestId(), e);
    }

    private static String client(String doing, SdkException e) {
        if (cameFrom(e, "software.amazon.awssdk.regions.providers")) {
            return "No AWS region is set, so the tool could not " + doing + ": set runbook.aws.region in"
                    + " application.conf (or AWS_REGION), then retry.";
        }
        if (cameFrom(e, "software.amazon.awssdk.auth.credentials") || cameFrom(e, "software.amazon.awssdk.identity")
                || cameFrom(e, "software.amazon.awssdk.services.sso")) {
            return "No usable AWS credentials were found (missing or expired) to " + doing
                    + ": log in again (aws sso login) or set runbook.aws.profile, then retry.";
        }
        if (hasCause(e, IOException.class)) {
            String override = AwsTarget.describeOverrides();
            if (override != null) {
                return "The AWS endpoint could not be reached to " + doing + " (network unreachable or timed out): "
                        + override + " is in effect: check it, or unset it to reach AWS itself, then retry.";
            }
            return "The AWS endpoint could not be reached to " + doing + " (network unreachable or timed out):"
                    + " check the network, VPN or proxy, then retry.";
        }
        if (e instanceof SdkClientException) {
            return "The AWS SDK could not " + doing + " (" + e.getClass().getSimpleName() + "): see runbook.log,"
                    + " then retry.";
        }
        return "Could not " + doing + " (" + e.getClass().getSimpleName() + "): see runbook.log, then retry.";
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** Where the exception was thrown: the credential and region providers live in their own packages. */
    private static boolean cameFrom(Throwable t, String packagePrefix) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (StackTraceElement el : c.getStackTrace()) {
                if (el.getClassName().startsWith(packagePrefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
