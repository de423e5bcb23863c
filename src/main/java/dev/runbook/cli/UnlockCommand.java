package dev.runbook.cli;

import dev.runbook.ExitCodes;
import dev.runbook.LocalHost;
import dev.runbook.action.ActionException;
import dev.runbook.aws.GroupLease;
import dev.runbook.aws.LeaseValue;
import dev.runbook.aws.LiveBackend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import dev.runbook.run.RunLock;
import dev.runbook.run.Runs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code unlock --env ENV}: breaks the lease on the environment's group (a stale one after a crash that should
 * not wait for it to expire, or a foreign one an operator decides to override). Shows the holder, asks for the
 * group id typed out, removes the tag and reads back that it is gone. Each attempt is journaled in a small
 * run folder of its own under {@code <runs-dir>/unlocks/}, apart from the runs that {@code report} and
 * {@code resume} choose from.
 */
@Command(name = "unlock", description = "Break the lease on the environment's replication group (the tag "
        + LeaseValue.TAG + "): shows who holds it and asks for the group id typed out. Real AWS.")
public final class UnlockCommand implements Callable<Integer> {
    /** Where unlock folders go, under the runs folder. */
    public static final String FOLDER = "unlocks";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment from the settings (dev, prod).")
    String env;

    @Option(names = "--runs-dir", paramLabel = "DIR", converter = FlagConverters.RunsDir.class,
            description = "The runs folder (default: runs-dir from the settings).")
    Path runsDir;

    @Option(names = "--profile", paramLabel = "P", description = "AWS profile (default: aws.profile from the settings).")
    String profile;

    @Option(names = "--region", paramLabel = "R", description = "AWS region (default: aws.region from the settings).")
    String region;

    /** Where the typed group id comes from; tests replace it. */
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    @Override
    public Integer call() {
        Settings settings = common.settings();
        Environment environment = settings.environment(env);
        String group = environment.replicationGroupId();
        String r = region != null ? region : settings.region();
        String p = profile != null ? profile : settings.profile();
        Path dir = new Runs(RunSetup.runsRoot(runsDir, settings).resolve(FOLDER))
                .create(environment.name(), Instant.now());
        Runs.logTo(dir);
        PrintWriter out = spec.commandLine().getOut();
        try (RunLock lock = RunLock.take(dir); Journal journal = Journal.open(dir);
             LiveBackend aws = new LiveBackend(r, p)) {
            Record record = new Record(journal, dir.getFileName().toString());
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("mode", "UNLOCK");
            facts.put("environment", environment.name());
            facts.put("replication-group", group);
            facts.put("os-user", LocalHost.user());
            facts.put("host", LocalHost.name());
            facts.put("region", r);
            facts.put("profile", p);
            record.add(JournalEvent.at(now(), record.id).summary("unlock " + group).facts(facts).operator(LocalHost.user())
                    .is(JournalEvent.Kind.RUN_STARTED));
            int code = unlock(new GroupLease(aws::elastiCache, group), group, out, record);
            out.println("journal: " + dir.resolve(Journal.FILE));
            out.flush();
            return code;
        }
    }

    private int unlock(GroupLease lease, String group, PrintWriter out, Record record) {
        try {
            Optional<LeaseValue> held = lease.current();
            if (held.isEmpty()) {
                out.println("nobody holds the lease on " + group + " (no tag " + LeaseValue.TAG + "): nothing to unlock");
                record.end("no lease: nothing done");
                return ExitCodes.OK;
            }
            LeaseValue holder = held.get();
            Instant now = Instant.now();
            out.println("lease on " + group + ": " + holder.describe());
            out.println(holder.expiredAt(now) ? "it expired " + minutes(Duration.between(holder.expires(), now))
                    + " ago (a run that crashed, or quit without releasing it)"
                    : "WARNING: it holds " + minutes(Duration.between(now, holder.expires())) + " more: run "
                    + holder.runId() + " may still be changing the group. Breaking the lease lets another run change"
                    + " it at the same time.");
            out.print("Type the replication group id to break this lease (anything else keeps it): ");
            out.flush();
            String typed = readLine();
            if (typed == null || !typed.trim().equals(group)) {
                out.println("not confirmed: the lease was left as it is");
                record.add(JournalEvent.at(now(), record.id).summary("not confirmed: lease of " + holder.describe()
                        + " left as it is").is(JournalEvent.Kind.ABORTED));
                record.end("lease kept");
                return ExitCodes.STEP_FAILED;
            }
            record.add(JournalEvent.at(now(), record.id).mutates(true).summary("type-id").operator(LocalHost.user())
                    .is(JournalEvent.Kind.CONFIRMED));
            Optional<LeaseValue> again = lease.current();
            if (again.isPresent() && !again.get().runId().equals(holder.runId())) {
                out.println("the lease changed while you were asked (now " + again.get().describe()
                        + "): nothing was removed; run unlock again to see it");
                record.end("lease changed while asked: nothing removed");
                return ExitCodes.STEP_FAILED;
            }
            lease.remove();
            if (lease.current().isPresent()) {
                out.println("the lease tag is still on " + group + " after RemoveTagsFromResource: check the group's"
                        + " tags in the console");
                record.end("lease still there after removal");
                return ExitCodes.STEP_FAILED;
            }
            record.add(JournalEvent.at(now(), record.id).summary("broke the lease of " + holder.describe() + " on " + group)
                    .is(JournalEvent.Kind.LEASE_BROKEN));
            out.println("lease broken: " + group + " is free (it was " + holder.describe() + ")");
            record.end("lease broken");
            return ExitCodes.OK;
        } catch (ActionException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage());
            err.flush();
            record.add(JournalEvent.at(now(), record.id).summary(e.getMessage()).is(JournalEvent.Kind.ABORTED));
            record.end("failed: " + e.getMessage());
            return ExitCodes.STEP_FAILED;
        }
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String minutes(Duration d) {
        long m = Math.max(0, d.toMinutes());
        return m < 1 ? "less than a minute" : m + " min";
    }

    private static String now() {
        return Instant.now().toString();
    }

    /** The unlock folder's journal. */
    private record Record(Journal journal, String id) {
        void add(JournalEvent e) {
            journal.append(e);
        }

        void end(String summary) {
            journal.append(JournalEvent.at(now(), id).summary(summary).is(JournalEvent.Kind.RUN_ENDED));
        }
    }
}
