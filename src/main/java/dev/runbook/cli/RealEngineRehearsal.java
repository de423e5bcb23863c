package dev.runbook.cli;

import dev.runbook.config.InvalidInputException;
import dev.runbook.action.dataplane.AuthToken;
import dev.runbook.action.dataplane.CacheException;
import dev.runbook.aws.RehearsalBackend;
import dev.runbook.aws.engines.EngineBinary;
import dev.runbook.aws.engines.EngineException;
import dev.runbook.aws.engines.EngineKind;
import dev.runbook.aws.engines.EngineTransport;
import dev.runbook.aws.engines.RealEngines;
import dev.runbook.aws.engines.Strays;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rehearse --real-engines [--data FILE.rdb]}: everything is checked before a run folder exists (both
 * binaries and their versions, the RDB file readable and an RDB at all, the auth token the data plane names,
 * {@code openssl} when the data plane says TLS),
 * then the engines start inside the run folder and are attached to the rehearsal's simulation. A file the engine
 * itself refuses is one line with the engine's reason; nothing is left running.
 */
final class RealEngineRehearsal {
    private final Map<EngineKind, EngineBinary> binaries;
    private final Optional<Path> data;
    private final Optional<String> token;
    private final String tokenSource;
    private final int generatedKeys;
    private final EngineTransport transport;
    private RealEngines started;

    private RealEngineRehearsal(Map<EngineKind, EngineBinary> binaries, Optional<Path> data, Optional<String> token,
                                String tokenSource, int generatedKeys, EngineTransport transport) {
        this.transport = transport;
        this.binaries = binaries;
        this.data = data;
        this.token = token;
        this.tokenSource = tokenSource;
        this.generatedKeys = generatedKeys;
    }

    /** Checks what the rehearsal needs; an {@link InvalidInputException} (exit 2) before anything starts. */
    static RealEngineRehearsal check(Settings settings, Environment env, Path data, String pathVariable) {
        Map<EngineKind, EngineBinary> binaries = new LinkedHashMap<>();
        binaries.put(EngineKind.REDIS, EngineBinary.locate(EngineKind.REDIS, settings.engines().redisServer(),
                pathVariable));
        binaries.put(EngineKind.VALKEY, EngineBinary.locate(EngineKind.VALKEY, settings.engines().valkeyServer(),
                pathVariable));
        if (data != null) {
            checkRdb(data);
        }
        Environment.DataPlane dp = env.dataPlane();
        EngineTransport transport = EngineTransport.forDataPlane(dp.tls(), pathVariable);
        try {
            Optional<String> token = AuthToken.read(dp.authTokenEnv(), dp.authTokenFile(), System.getenv());
            return new RealEngineRehearsal(binaries, Optional.ofNullable(data), token,
                    AuthToken.source(dp.authTokenEnv(), dp.authTokenFile()), settings.engines().generatedKeys(), transport);
        } catch (CacheException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private static void checkRdb(Path data) {
        try (InputStream in = Files.newInputStream(data)) {
            byte[] magic = in.readNBytes(5);
            if (!"REDIS".equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new InvalidInputException("--data " + data + ": not an RDB file (it does not start with REDIS)");
            }
        } catch (IOException e) {
            throw new InvalidInputException("--data " + data + ": cannot read it (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** Stops what killed rehearsals under {@code runsRoot} left running; returns what it stopped. */
    static List<String> stopStrays(Path runsRoot) {
        return Strays.stopAll(runsRoot);
    }

    /** Starts the group's Redis 7.0 with the data in {@code runDir} and attaches the engines to {@code backend}. */
    RehearsalBackend start(RehearsalBackend backend, Environment env, Path runDir) {
        String group = env.replicationGroupId();
        RealEngines.Data what = data.<RealEngines.Data>map(RealEngines.Rdb::new)
                .orElseGet(() -> new RealEngines.Generated(generatedKeys));
        try {
            started = RealEngines.start(runDir, binaries, token, tokenSource, transport, group,
                    String.format("%s-%03d", group, 1), what);
            return backend.attach(started, group);
        } catch (EngineException e) {
            backend.close();
            throw new InvalidInputException(data.map(d -> "--data " + d + ": ").orElse("--real-engines: ")
                    + e.getMessage(), e);
        }
    }

    /** Restarts a killed rehearsal's engines from its run folder, on the engine each group runs now. */
    RehearsalBackend resume(RehearsalBackend backend, Environment env, Path runDir) {
        try {
            started = RealEngines.resume(runDir, binaries, token, tokenSource, transport,
                    id -> backend.simulation().engine(id));
            return backend.attach(started, env.replicationGroupId());
        } catch (EngineException e) {
            backend.close();
            throw new InvalidInputException("resume: " + e.getMessage(), e);
        }
    }

    /** The start facts a resume needs and the report shows. */
    Map<String, String> facts(String address) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("engines", "real");
        facts.put("engine-binaries", String.join(", ", binaries.values().stream().map(EngineBinary::describe).toList()));
        facts.put("engine-data", data.map(Path::toString).orElse("generated (" + generatedKeys + " keys)"));
        facts.put("engine-endpoint", address);
        started.caFile().ifPresent(ca -> facts.put("engine-ca-file", ca.toString()));
        facts.put("engine-tls", started.transport());
        List<String> warnings = new ArrayList<>();
        binaries.values().forEach(b -> b.warning().ifPresent(warnings::add));
        if (transport.isTls()) {
            // the report shows this line among what the rehearsal did and did not cover
            warnings.add("data-plane.tls is on, and the TLS client path was rehearsed: the engines listened "
                    + started.transport());
        }
        if (!warnings.isEmpty()) {
            facts.put("engine-warning", String.join("; ", warnings));
        }
        return facts;
    }
}
