package dev.runbook.action.dataplane;

import dev.runbook.action.ReportKind;
import java.util.Optional;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;

/**
 * {@code dataplane.fingerprint}: {@code phase = record} saves a {@link DataFingerprint} of the data in the
 * run folder before the change; {@code phase = compare} re-reads the same keys after it and fails naming every
 * missing key, changed value and database that lost more keys than could have expired.
 */
public record Fingerprint(boolean record, int sampleSize) implements Action {
    static final String FILE = "fingerprint.json";
    static final Duration TIMEOUT = Duration.ofSeconds(10);


    public static Fingerprint create(Params p) {
        boolean record = p.oneOf("phase", List.of("record", "compare")).equals("record");
        int sampleSize = p.integer("sample-size", 1, 100_000, 1000);
        return new Fingerprint(record, sampleSize);
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        String where = JedisConnector.previewEndpoint(ctx);
        return record
                ? Preview.of("Record keys per database and " + sampleSize + " sampled keys (type, TTL, SHA-256 of the "
                        + "value) of " + where + " into the run folder's " + FILE, "INFO keyspace", "SELECT", "SCAN",
                        "TYPE / PTTL / GET / HGETALL / LRANGE / SMEMBERS / ZRANGE WITHSCORES / XRANGE")
                : Preview.of("Compare " + where + " with the run folder's " + FILE + ": missing keys, changed values, "
                        + "key counts lost beyond expiry", "INFO keyspace", "SELECT", "TYPE",
                        "GET / HGETALL / LRANGE / SMEMBERS / ZRANGE WITHSCORES / XRANGE");
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        Path file = ctx.runDir().resolve(FILE);
        try {
            if (!record && !Files.exists(file)) {
                return Outcome.skipped("Nothing to compare: no fingerprint was recorded in this run (" + file
                        + " is missing); the fingerprint-before step must run before the change.").build();
            }
            CacheConnector connector = ctx.service(CacheConnector.class).orElseGet(() -> JedisConnector.forRun(ctx));
            ctx.progress().status((record ? "Recording" : "Comparing") + " the data fingerprint of " + connector.describe());
            try (CacheClient client = connector.open(TIMEOUT)) {
                return record ? record(ctx, client, connector, file) : compare(client, DataFingerprint.load(file));
            }
        } catch (CacheException e) {
            throw new ActionException(e.getMessage(), null, null, e);
        } catch (IOException e) {
            throw new ActionException("Cannot " + (record ? "write " : "read ") + file + " (" + e.getMessage()
                    + "): check the run folder's permissions and free space.", null, null, e);
        }
    }

    private Outcome record(ActionContext ctx, CacheClient client, CacheConnector connector, Path file) throws IOException {
        int fullCompareMax = ctx.settings().fullCompareMax();
        DataFingerprint fp = DataFingerprint.record(client, sampleSize, fullCompareMax, connector.describe(),
                ctx.time().now().toString());
        fp.save(file);
        return Outcome.succeeded("Recorded " + fp.totalKeys() + " keys in " + fp.keyspace().size() + " database(s), "
                        + (fp.everyKey() ? "every key (at most fingerprint.full-compare-max = " + fullCompareMax + ")"
                        : fp.keys().size() + " sampled (more than fingerprint.full-compare-max = " + fullCompareMax
                        + ")") + ", into " + file)
                .fact("fingerprint-keys", fp.keys().size())
                .fact("dbsize", fp.totalKeys())
                .build();
    }

    private Outcome compare(CacheClient client, DataFingerprint before) {
        FingerprintComparison c = FingerprintComparison.compare(client, before);
        StringBuilder summary = new StringBuilder();
        if (c.intact()) {
            summary.append("The data is intact: ").append(before.keys().size())
                    .append(before.everyKey() ? " keys (every key) unchanged, " : " sampled keys unchanged, ")
                    .append(c.keysBefore()).append(" → ").append(c.keysAfter()).append(" keys");
        } else {
            summary.append("The data differs from before the change: ").append(c.describe());
        }
        Outcome.Builder b = (c.intact() ? Outcome.succeeded(summary.toString()) : Outcome.failed(summary.toString()))
                .fact("fingerprint-keys", before.keys().size())
                .fact("dbsize", c.keysAfter())
                .fact("missing", c.missing().size())
                .fact("changed", c.changed().size())
                .fact("drift", c.keysBefore() - c.keysAfter())
                .fact("result", c.intact() ? "intact" : "differs");
        if (!c.expired().isEmpty()) {
            b.warning(c.expired().size() + " sampled key(s) with a TTL have expired since: " + String.join(", ", c.expired()));
        }
        return b.build();
    }

    /** No SSM form: the record is a file in the run folder that the compare step reads after the change. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.notExportable("the data fingerprint (" + sampleSize + " sampled keys' digests) lives in the"
                + " terminal run's folder between the record and compare steps; an execution has no such place");
    }

    @Override
    public Optional<String> reportKind() {
        return record ? Optional.empty() : Optional.of(ReportKind.DATA_COMPARISON);
    }
}
