package dev.runbook.aws;

import dev.runbook.LocalHost;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Who holds the advisory lease on a replication group, as the tag {@value #TAG} carries it:
 * {@code <run-id>/<os-user>@<host>/<expires, ISO-8601 UTC>}. The fields are joined with '/' rather than ';'
 * because ElastiCache refuses ';' in a tag value (allowed: letters, digits, space and {@code _ . : / = + - @});
 * user and host are cut down to those characters. A value this tool cannot read counts as held without end,
 * so only {@code unlock} removes it.
 */
public record LeaseValue(String runId, String holder, Instant expires) {
    /** The tag key on the replication group. */
    public static final String TAG = "valkey-runbook:lock";
    /** The end of a lease whose tag value does not read as one: it holds until it is removed. */
    public static final Instant NEVER = Instant.MAX.truncatedTo(ChronoUnit.SECONDS);
    private static final int MAX_VALUE = 256;
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public LeaseValue {
        expires = expires.truncatedTo(ChronoUnit.SECONDS);
    }

    /** This process's lease for {@code runId}: held by the OS user at this host until {@code expires}. */
    public static LeaseValue ours(String runId, Instant expires) {
        return new LeaseValue(runId, tagSafe(LocalHost.user()) + "@" + tagSafe(LocalHost.name()), expires);
    }

    /** The tag value. */
    public String format() {
        String v = runId + "/" + holder + "/" + expires;
        return v.length() <= MAX_VALUE ? v : v.substring(0, MAX_VALUE);
    }

    /** The lease a tag value names; one that does not read as a lease is held by nobody known, without end. */
    public static LeaseValue parse(String value) {
        String[] parts = value.split("[/;]", -1);
        if (parts.length == 3) {
            try {
                return new LeaseValue(parts[0], parts[1], Instant.parse(parts[2]));
            } catch (DateTimeParseException e) {
                // falls through: unreadable
            }
        }
        return new LeaseValue("unknown", "unreadable tag value '" + value + "'", NEVER);
    }

    /** True when the lease holds no more at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !expires.isAfter(now);
    }

    /** When the holding run started, read from its id ({@code yyyyMMdd-HHmmss-<env>}). */
    public Optional<Instant> since() {
        if (runId.length() < 15) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(runId.substring(0, 15), RUN_ID).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** "run X (alice@bastion-1), since T, until U" for the operator. */
    public String describe() {
        return "run " + runId + " (" + holder + "), since " + since().map(Instant::toString).orElse("an unknown time")
                + ", until " + (expires.equals(NEVER) ? "it is removed (unlock)" : expires.toString());
    }

    /** Keeps what a tag value allows; anything else becomes '_'. */
    static String tagSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9 _.:=+\\-@]", "_").replace('@', '_');
    }
}
