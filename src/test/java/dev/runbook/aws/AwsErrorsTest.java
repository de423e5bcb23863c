package dev.runbook.aws;

import dev.runbook.action.AwsErrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbook.action.ActionException;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/** Client-side failures (no credentials, no region, no network) become one operator sentence. */
class AwsErrorsTest {
    static final String G = "goorm-popcorn-cache-dev";

    @Test
    void missingCredentialsSayHowToLogIn() {
        ProfileFile empty = ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CREDENTIALS).build();
        try (QueryProtocolServer server = QueryProtocolServer.start();
             ElastiCacheClient client = ElastiCacheClient.builder().endpointOverride(server.endpoint())
                     .region(Region.AP_NORTHEAST_2).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(ProfileCredentialsProvider.builder().profileFile(empty)
                             .profileName("popcorn").build()).build()) {
            SdkException e = assertThrows(SdkException.class, () -> client.describeReplicationGroups(r -> r
                    .replicationGroupId(G)));
            ActionException a = AwsErrors.translate("describe replication group " + G, G, e);
            assertEquals("No usable AWS credentials were found (missing or expired) to describe replication group " + G
                    + ": log in again (aws sso login) or set runbook.aws.profile, then retry.", a.getMessage());
            assertEquals(0, server.requests().size(), "nothing is sent without credentials");
        }
    }

    @Test
    void anUnreachableEndpointIsANetworkProblem() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (ElastiCacheClient client = ElastiCacheClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort)).region(Region.AP_NORTHEAST_2)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD))
                .build()) {
            SdkException e = assertThrows(SdkException.class, () -> client.describeReplicationGroups(r -> r
                    .replicationGroupId(G)));
            ActionException a = AwsErrors.translate("describe replication group " + G, G, e);
            assertEquals("The AWS endpoint could not be reached to describe replication group " + G + " (network"
                    + " unreachable or timed out): check the network, VPN or proxy, then retry.", a.getMessage());
            assertNull(a.errorCode());
        }
    }

    @Test
    void noRegionSaysWhereToSetIt() {
        SdkClientException e = assertThrows(SdkClientException.class, () -> new AwsRegionProviderChain().getRegion());
        assertEquals("No AWS region is set, so the tool could not describe replication group " + G + ": set"
                        + " runbook.aws.region in application.conf (or AWS_REGION), then retry.",
                AwsErrors.translate("describe replication group " + G, G, e).getMessage());
    }

    @Test
    void aClientThatCannotBeBuiltFailsTheStepWithTheSentence() {
        dev.runbook.action.TestContext base = new dev.runbook.action.TestContext();
        dev.runbook.action.ActionContext noRegion = (dev.runbook.action.ActionContext) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {dev.runbook.action.ActionContext.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("elastiCache")) {
                                return new AwsRegionProviderChain().getRegion();
                            }
                            try {
                                return method.invoke(base, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        ActionException e = assertThrows(ActionException.class, () -> new dev.runbook.action.elasticache
                .DescribeReplicationGroup(G, "redis", "7.0").execute(noRegion));
        assertEquals("No AWS region is set, so the tool could not connect to ElastiCache: set runbook.aws.region in"
                + " application.conf (or AWS_REGION), then retry.", e.getMessage());
    }
}
