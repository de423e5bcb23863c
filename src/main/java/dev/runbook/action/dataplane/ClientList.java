package dev.runbook.action.dataplane;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dataplane.client-list}: the evidence an operator can gather before TLS goes from preferred to required —
 * who is connected. {@code CLIENT LIST} over TLS with the token: every connection's client address, name and the
 * library it announced (CLIENT SETINFO: {@code lib-name}, {@code lib-ver}), grouped by client host, for the
 * operator to match against the applications known to use TLS. What it cannot say, and the step says every time:
 * whether a given connection uses TLS. Valkey 8.0.1's CLIENT LIST has no TLS field (measured: the same fields for a
 * TLS and a plain-text connection; only {@code laddr} differs, by port, when TLS has its own port), INFO has no
 * count of TLS connections, and ElastiCache's CloudWatch metrics (CurrConnections, NewConnections) count both
 * kinds together. In preferred mode ElastiCache takes both on the same endpoint and port (UNCERTAIN whether
 * {@code laddr} tells them apart there: assumed not). Read-only.
 */
public record ClientList() implements Action {
    static final String CANNOT_TELL = "CLIENT LIST does not say which connections use TLS (Valkey 8.0 has no such"
            + " field, INFO counts no TLS connections, and CloudWatch's CurrConnections/NewConnections count both"
            + " kinds): match each client host above against the applications that use TLS (rediss://, ssl=true),"
            + " and ask their owners. A plain-text client is disconnected the moment the mode is required. Assumed"
            + " (UNCERTAIN): in preferred mode ElastiCache takes both kinds on the same port, so laddr does not tell"
            + " them apart either; and the endpoint name a client resolved is not visible to the server (the new TLS"
            + " endpoints resolve to the same IPs as the old ones), so which name each application uses must come"
            + " from its configuration.";

    public static ClientList create(Params p) {
        return new ClientList();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("List the connections on " + JedisConnector.previewEndpoint(ctx) + " (CLIENT LIST): client"
                + " hosts, names, libraries", "CLIENT LIST").withWarning(CANNOT_TELL);
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        boolean tls = ctx.environment().dataPlane().tls();
        String noTls = "data-plane.tls is false for " + ctx.environment().name() + ": once TransitEncryptionMode is"
                + " required a plain-text check cannot connect, so this runbook's checks must speak TLS: set"
                + " data-plane.tls = true (and data-plane.ca-file if the CA is not in the JVM's trust store)";
        if (!tls && ctx.mode() != Mode.REHEARSAL) {
            return Outcome.failed(noTls).build();
        }
        try {
            CacheConnector connector = ctx.service(CacheConnector.class).orElseGet(() -> JedisConnector.forRun(ctx));
            ctx.progress().status("CLIENT LIST on " + connector.describe());
            String text;
            try (CacheClient c = connector.open(EndpointCheck.TIMEOUT)) {
                text = c.clientList();
            }
            Map<String, List<String>> byHost = new LinkedHashMap<>();
            int connections = 0;
            for (String line : text.split("\\R")) {
                Map<String, String> f = fields(line);
                if (f.isEmpty() || f.getOrDefault("cmd", "").startsWith("client|list")) {
                    continue; // this step's own connection
                }
                connections++;
                String addr = f.getOrDefault("addr", "?");
                String host = addr.contains(":") ? addr.substring(0, addr.lastIndexOf(':')) : addr;
                String lib = f.getOrDefault("lib-name", "");
                byHost.computeIfAbsent(host, h -> new ArrayList<>()).add((f.getOrDefault("name", "").isEmpty()
                        ? "no name" : f.get("name")) + ", " + (lib.isEmpty() ? "library not announced"
                        : lib + " " + f.getOrDefault("lib-ver", "")).trim());
            }
            List<String> hosts = new ArrayList<>();
            byHost.forEach((h, c) -> hosts.add(h + " (" + c.size() + ": " + String.join("; ",
                    c.stream().distinct().toList()) + ")"));
            String summary = connections + " client connection(s) from " + byHost.size() + " host(s) on "
                    + connector.describe() + (hosts.isEmpty() ? "" : ": " + String.join(", ", hosts));
            Outcome.Builder b = Outcome.succeeded(summary).warning(CANNOT_TELL);
            if (!tls) {
                b.warning("Rehearsal only: " + noTls + " (a live or dry run fails this step)");
            }
            return b.fact("client-connections", connections).fact("client-hosts", String.join(", ", hosts))
                    .fact("tls-per-connection", "not shown by CLIENT LIST").build();
        } catch (CacheException e) {
            throw new ActionException(e.getMessage(), null, null, e);
        }
    }

    /** {@code k=v k=v ...} of one CLIENT LIST line (values have no spaces; an empty value is {@code k=}). */
    static Map<String, String> fields(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : line.trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
