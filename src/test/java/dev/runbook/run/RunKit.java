package dev.runbook.run;

import dev.runbook.aws.TestBackend;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.TestContext;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds real Runs over the real runbook for tests: every action is a fake that counts its executions, can
 * be given an effect on {@link FakeElastiCache}, and can crash the process (an Error no one catches) after
 * its effect, as a SIGKILL would leave it.
 */
final class RunKit {
    /** Stands for the process dying: not caught by the run, so no end event is journaled. */
    static final class Crash extends Error {
        Crash(String where) {
            super("crash in " + where);
        }
    }

    Settings settings = TestSettings.load();
    Environment environment = settings.environment("dev");
    final FakeElastiCache elastiCache = new FakeElastiCache();
    final TestContext.ManualTime time = new TestContext.ManualTime(Instant.parse("2026-11-29T04:30:00Z"));
    final Map<String, Integer> executions = new HashMap<>();
    final Map<String, Function<ActionContext, Outcome>> behaviour = new HashMap<>();
    final List<String> log = new ArrayList<>();
    String crashIn;
    Mode mode = Mode.REHEARSAL;

    RunKit() {
        behaviour.put("elasticache.create-snapshot", ctx -> {
            elastiCache.snapshot("goorm-popcorn-cache-dev-pre-valkey-20261129", "available", time.now());
            return Outcome.succeeded("snapshot taken").fact("snapshot-name", "goorm-popcorn-cache-dev-pre-valkey-20261129").build();
        });
        behaviour.put("terraform.apply", ctx -> {
            elastiCache.engine = "valkey";
            return Outcome.succeeded("applied").build();
        });
    }

    Run run(Path dir, String id) {
        ActionRegistry fakes = new ActionRegistry();
        Map<String, Action> realByName = new HashMap<>();
        new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks", "valkey-migration.conf"), environment)
                .entries().forEach(e -> realByName.putIfAbsent(e.step().actionName(), e.step().action()));
        for (String name : realByName.keySet()) {
            Action real = realByName.get(name);
            fakes.register(name, params -> {
                params.acceptAll();
                return new FakeAction(name, real);
            });
        }
        var runbook = new RunbookLoader(fakes).load(Path.of("runbooks", "valkey-migration.conf"), environment);
        RunInfo info = new RunInfo(id, dir, "tester", Map.of());
        return new Run(info, runbook, environment, settings, new TestBackend(mode, time, elastiCache), Journal.open(dir), new RunListener() {
            @Override
            public void log(String line) {
                log.add(line);
            }
        });
    }

    /** Switches to environment {@code envName} of the project's settings with migration-method = sdk. */
    RunKit sdk(Path tmp, String envName) throws java.io.IOException {
        Path conf = tmp.resolve("application-sdk.conf");
        java.nio.file.Files.writeString(conf, java.nio.file.Files.readString(Path.of("application.conf"))
                .replace("migration-method = terraform", "migration-method = sdk"));
        settings = Settings.load(conf);
        environment = settings.environment(envName);
        return this;
    }

    int executed(String action) {
        return executions.getOrDefault(action, 0);
    }

    /** Executes as {@link #behaviour} says; mutates, needs and records what the real action of that name does. */
    final class FakeAction implements Action {
        private final String name;
        private final Action real;

        FakeAction(String name, Action real) {
            this.name = name;
            this.real = real;
        }

        @Override
        public List<dev.runbook.action.Precondition> preconditions() {
            return real.preconditions();
        }

        @Override
        public java.util.Set<String> records() {
            return real.records();
        }

        @Override
        public Preview preview(PreviewContext ctx) {
            return Preview.of(name);
        }

        @Override
        public java.util.Optional<dev.runbook.action.Reconciliation> reconcile(ActionContext ctx,
                dev.runbook.action.Reconciliation.Interrupted step) throws dev.runbook.action.ActionException,
                InterruptedException {
            return real.reconcile(ctx, step);
        }

        @Override
        public boolean mutates() {
            return real.mutates();
        }

        @Override
        public Outcome execute(ActionContext ctx) {
            executions.merge(name, 1, Integer::sum);
            Outcome o = behaviour.getOrDefault(name, c -> Outcome.succeeded(name + " ok").build()).apply(ctx);
            if (name.equals(crashIn)) {
                crashIn = null;
                throw new Crash(name);
            }
            return o;
        }
    }

}
