package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTokenTest {
    static final String TOKEN = "s3cret-Token-0123456789";

    @TempDir
    Path dir;

    @Test
    void theTokenComesFromTheNamedVariable() {
        assertEquals(Optional.of(TOKEN), AuthToken.read("CACHE_TOKEN", "", Map.of("CACHE_TOKEN", TOKEN + "\n")));
    }

    @Test
    void theTokenComesFromTheNamedFile() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        assertEquals(Optional.of(TOKEN), AuthToken.read("", file.toString(), Map.of()));
    }

    @Test
    void noVariableAndNoFileMeansNoAuth() {
        assertEquals(Optional.empty(), AuthToken.read("", "", Map.of()));
        assertEquals("none", AuthToken.source("", ""));
    }

    @Test
    void anEmptyTokenFileIsOneSentence() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "\n");
        CacheException e = assertThrows(CacheException.class, () -> AuthToken.read("", file.toString(), Map.of()));
        assertEquals("The auth token file " + file + " is empty: write the token into it.", e.getMessage());
    }

    @Test
    void aServerWithRequirepassAcceptsTheTokenAndRefusesAWrongOneWithoutPrintingIt() throws Exception {
        try (LocalRedis redis = new LocalRedis(dir, TOKEN)) {
            JedisConnector right = new JedisConnector(redis.endpoint(), Optional.of(TOKEN), "$CACHE_TOKEN");
            assertEquals("redis", EndpointReading.read(right, Duration.ofSeconds(5)).identity().engine());
            assertEquals("127.0.0.1:" + redis.port + ", auth from $CACHE_TOKEN", right.describe());

            JedisConnector wrong = new JedisConnector(redis.endpoint(), Optional.of("not-the-token"), "$CACHE_TOKEN");
            CacheException e = assertThrows(CacheException.class, () -> EndpointReading.read(wrong, Duration.ofSeconds(5)));

            assertEquals("127.0.0.1:" + redis.port + " refused the credentials (WRONGPASS invalid username-password pair "
                    + "or user is disabled.): check the auth token the settings name.", e.getMessage());
            assertFalse(e.getMessage().contains("not-the-token"));
        }
    }
}
