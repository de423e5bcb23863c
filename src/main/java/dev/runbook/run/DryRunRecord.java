package dev.runbook.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runbook.action.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a dry run recorded in its folder ({@code dry-run.json}) for later runs to be held to: the state of the
 * group it read ({@link StateFacts}) and the exact request of each mutating step, by step. Rewritten after
 * every step of the dry run, so an interrupted dry run still leaves what it saw.
 *
 * @param runDir the dry run's folder as it was then: requests that name it are compared without it
 */
public record DryRunRecord(String run, String environment, String replicationGroup, String recordedAt,
                           String runDir, Map<String, String> state, Map<String, List<String>> requests) {
    public static final String FILE = "dry-run.json";

    public DryRunRecord {
        state = Collections.unmodifiableMap(new LinkedHashMap<>(state == null ? Map.of() : state));
        requests = Collections.unmodifiableMap(new LinkedHashMap<>(requests == null ? Map.of() : requests));
    }

    /** When the dry run recorded it. */
    public Instant recorded() {
        return Instant.parse(recordedAt);
    }

    /** "2d 3h", "7d", "5h 10m", "12m", "40s": how long before {@code now} it was recorded. */
    public String age(Instant now) {
        return human(Duration.between(recorded(), now));
    }

    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 86_400) {
            return s / 86_400 + "d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + "h");
        }
        if (s >= 3600) {
            return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + "m");
        }
        return s >= 60 ? s / 60 + "m" : s + "s";
    }

    /** Writes it into {@code dir} (owner-only), replacing what was there. */
    void write(Path dir) {
        try {
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            RunFiles.write(tmp, Journal.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    /** The record in {@code dir}, or empty when there is none or it cannot be read. */
    public static Optional<DryRunRecord> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            DryRunRecord r = Journal.JSON.readValue(Files.readString(file), DryRunRecord.class);
            return r.run() == null || r.recordedAt() == null ? Optional.empty() : Optional.of(r);
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
