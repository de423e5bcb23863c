package dev.runbook.aws.engines;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.action.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a resumed rehearsal needs to bring its engines back after this JVM died: per group the endpoint's port
 * and primary, per node its port, engine, and the node it replicates from. Rewritten (owner-only) after every
 * change, in {@code runs/<run-id>/engines/engines.json}; the nodes' data dirs sit beside it.
 */
record EngineState(Map<String, Group> groups) {
    static final String FILE = "engines.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One group's endpoint and nodes. */
    record Group(int endpointPort, String primary, Map<String, Node> nodes) {
    }

    /** One node; {@code engine} "" while it is down, {@code replicaOf} "" for a primary. */
    record Node(int port, String engine, String replicaOf) {
    }

    static EngineState empty() {
        return new EngineState(new LinkedHashMap<>());
    }

    void save(Path dir) throws IOException {
        Path tmp = RunFiles.write(dir.resolve(FILE + ".tmp"), JSON.writeValueAsString(this));
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    static EngineState load(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(FILE).toFile(), EngineState.class);
    }
}
