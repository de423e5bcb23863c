package dev.runbook.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Builds the SDK's typed exceptions the way the real client hands them over: the concrete class, HTTP status,
 * the service's error code and a request id, so actions catching by type and code behave as against AWS.
 */
final class AwsErrors {
    private AwsErrors() {
    }

    static AwsServiceException error(AwsServiceException.Builder builder, String service, int status, String code,
                                     String message, String requestId) {
        return builder.message(message + " (Service: " + service + ", Status Code: " + status + ", Request ID: "
                        + requestId + ")")
                .statusCode(status)
                .requestId(requestId)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .serviceName(service).build())
                .build();
    }
}
