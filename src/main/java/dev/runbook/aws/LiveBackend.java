package dev.runbook.aws;

import dev.runbook.action.Mode;
import dev.runbook.action.TimeSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Real AWS: SDK clients with the default credential chain (the named profile when one is set), the region
 * from the settings or {@code --region} (else the SDK's chain), the url-connection HTTP client. Each client is
 * built on first use, so starting a run costs no client. The SDK's own {@code AWS_ENDPOINT_URL} (and
 * {@code AWS_ENDPOINT_URL_ELASTICACHE}, ...) environment overrides apply as usual.
 */
public class LiveBackend implements Backend {
    private final String region;
    private final String profile;
    private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();
    private volatile CallerIdentity identity;

    /** {@code region} and {@code profile} may be empty: the SDK's default chains decide. */
    public LiveBackend(String region, String profile) {
        this.region = region == null ? "" : region;
        this.profile = profile == null ? "" : profile;
    }

    public String region() {
        return region;
    }

    public String profile() {
        return profile;
    }

    /** True once a client of {@code type} was built (tests prove laziness with it). */
    public boolean built(Class<?> type) {
        return clients.containsKey(type);
    }

    @Override
    public Mode mode() {
        return Mode.LIVE;
    }

    @Override
    public ElastiCacheClient elastiCache() {
        return client(ElastiCacheClient.class, () -> configure(ElastiCacheClient.builder()).build());
    }

    @Override
    public CloudWatchClient cloudWatch() {
        return client(CloudWatchClient.class, () -> configure(CloudWatchClient.builder()).build());
    }

    public StsClient sts() {
        return client(StsClient.class, () -> configure(StsClient.builder()).build());
    }

    /** STS GetCallerIdentity, asked once. */
    public CallerIdentity callerIdentity() {
        if (identity == null) {
            GetCallerIdentityResponse r = sts().getCallerIdentity();
            identity = new CallerIdentity(r.account(), r.arn());
        }
        return identity;
    }

    private <T> T client(Class<T> type, Supplier<T> build) {
        return type.cast(clients.computeIfAbsent(type, t -> build.get()));
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        DefaultCredentialsProvider.Builder credentials = DefaultCredentialsProvider.builder();
        if (!profile.isEmpty()) {
            credentials.profileName(profile);
            builder.overrideConfiguration(ClientOverrideConfiguration.builder().defaultProfileName(profile).build());
        }
        builder.credentialsProvider(credentials.build());
        if (!region.isEmpty()) {
            builder.region(Region.of(region));
        }
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public TimeSource time() {
        return TimeSource.SYSTEM;
    }

    @Override
    public String identity() {
        return identity == null ? "not asked yet" : identity.arn();
    }

    @Override
    public String describe() {
        return "AWS " + (region.isEmpty() ? "default region" : region)
                + (profile.isEmpty() ? "" : ", profile " + profile)
                + (identity == null ? "" : ", account " + identity.account());
    }

    @Override
    public void close() {
        clients.values().forEach(c -> ((SdkAutoCloseable) c).close());
    }
}
