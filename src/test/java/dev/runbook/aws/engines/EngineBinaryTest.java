package dev.runbook.aws.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbook.config.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which engine binaries a rehearsal accepts, and the one line an operator gets for one it does not. */
class EngineBinaryTest {
    @TempDir
    Path dir;

    private Path script(String name, String version) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\necho 'Valkey server v=" + version + " sha=00000000:0 malloc=jemalloc-5.3.0'\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void findsTheInstalledEnginesOnPathAndChecksTheirVersions() {
        EngineBinary redis = EngineBinary.locate(EngineKind.REDIS, "", System.getenv("PATH"));
        EngineBinary valkey = EngineBinary.locate(EngineKind.VALKEY, "", System.getenv("PATH"));
        assertEquals("7.0.15", redis.version());
        assertEquals("8.0.1", valkey.version());
        assertEquals(Optional.empty(), valkey.warning());
    }

    @Test
    void aMissingEngineIsOneLineSayingHowToInstallIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EngineBinary.locate(EngineKind.VALKEY, "", dir.toString()));
        assertEquals("--real-engines needs valkey 8.0: valkey-server is not on PATH; install it (add 'deb "
                + "http://deb.debian.org/debian bookworm-backports main' to apt's sources, apt-get update, then apt-get "
                + "install -t bookworm-backports valkey-server) or set rehearsal.engines.valkey-server to its path",
                e.getMessage());
    }

    @Test
    void anotherValkey8RunsWithAWarningButAnotherRedisIsRefused() throws Exception {
        EngineBinary v81 = EngineBinary.locate(EngineKind.VALKEY, script("valkey-server", "8.1.4").toString(), "");
        assertEquals(Optional.of("the rehearsal ran Valkey 8.1.4 but the runbook migrates to Valkey 8.0: its target "
                + "differs"), v81.warning());
        Path redis8 = script("redis-server", "8.0.2");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EngineBinary.locate(EngineKind.REDIS, redis8.toString(), ""));
        assertEquals(redis8 + " reports version 8.0.2 but the rehearsal needs redis 7.0.x: apt-get install "
                + "redis-server (Debian 12 packages Redis 7.0.15; embedded-redis also ships a 7.0.15 binary), or set "
                + "rehearsal.engines.redis-server", e.getMessage());
    }
}
