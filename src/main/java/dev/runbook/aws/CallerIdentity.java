package dev.runbook.aws;

/** Who the AWS credentials are (STS GetCallerIdentity): shown before a live run and recorded in its facts. */
public record CallerIdentity(String account, String arn) {
}
