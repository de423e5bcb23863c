package dev.runbook.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * A local stand-in for the AWS endpoints that the real SDK clients talk to over HTTP: ElastiCache in the AWS
 * Query protocol (form-encoded requests, XML answers as in the API reference) and CloudWatch in Smithy RPC v2
 * CBOR (the protocol SDK 2.57.x uses for it). Tests script answers per operation (queued, the last one repeats)
 * and read back every request the server received.
 */
public final class QueryProtocolServer implements AutoCloseable {
    public static final String ELASTICACHE_NS = "http://elasticache.amazonaws.com/doc/2015-02-02/";

    /** One received request: the operation, its form parameters (query protocol) or CBOR body (as a map). */
    public record Received(String operation, Map<String, String> params, Map<String, Object> cbor, String path) {
    }

    /** One scripted answer. */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply xml(int status, String xml) {
            return new Reply(status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply html(int status, String html) {
            return new Reply(status, "text/html", html.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply cbor(int status, byte[] body) {
            return new Reply(status, "application/cbor", body);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> replies = new HashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requestIds = new AtomicInteger();

    private QueryProtocolServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static QueryProtocolServer start() {
        try {
            return new QueryProtocolServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local AWS stand-in", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A real ElastiCache client pointed at this server, with fake static credentials. */
    public ElastiCacheClient elastiCache() {
        return ElastiCacheClient.builder().endpointOverride(endpoint()).region(Region.AP_NORTHEAST_2)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A real CloudWatch client pointed at this server. */
    public CloudWatchClient cloudWatch() {
        return CloudWatchClient.builder().endpointOverride(endpoint()).region(Region.AP_NORTHEAST_2)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/EXAMPLEKEY"));
    }

    /** The group's tags, when the server keeps them ({@link #keepingTags()}); null: tags are scripted. */
    private Map<String, String> tags;

    /**
     * Answers AddTagsToResource, RemoveTagsFromResource and ListTagsForResource from tags it keeps, as ElastiCache
     * does: a run's lease is written and read back for real, whatever run id and expiry it carries.
     */
    public synchronized QueryProtocolServer keepingTags() {
        tags = new LinkedHashMap<>();
        return this;
    }

    private synchronized Reply tagReply(Received r) {
        for (int i = 1; r.params().containsKey("Tags.Tag." + i + ".Key"); i++) {
            tags.put(r.params().get("Tags.Tag." + i + ".Key"), r.params().getOrDefault("Tags.Tag." + i + ".Value", ""));
        }
        for (int i = 1; r.params().containsKey("TagKeys.member." + i); i++) {
            tags.remove(r.params().get("TagKeys.member." + i));
        }
        StringBuilder list = new StringBuilder("<TagList>");
        tags.forEach((k, v) -> list.append("<Tag><Key>").append(k).append("</Key><Value>").append(v)
                .append("</Value></Tag>"));
        return Reply.xml(200, elastiCacheResponse(r.operation(), list.append("</TagList>").toString()));
    }

    /** Queues answers for {@code operation}; the last one answers every further call. */
    public synchronized QueryProtocolServer on(String operation, Reply... answers) {
        replies.computeIfAbsent(operation, k -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** Queues ElastiCache successes: each result wrapped in the operation's response and result elements. */
    public QueryProtocolServer onElastiCache(String operation, String... resultXml) {
        for (String r : resultXml) {
            on(operation, Reply.xml(200, elastiCacheResponse(operation, r)));
        }
        return this;
    }

    /** Queues an AWS error in the query protocol's shape. */
    public QueryProtocolServer onError(String operation, int status, String code, String message) {
        return on(operation, Reply.xml(status, error(code, message)));
    }

    public String elastiCacheResponse(String operation, String resultXml) {
        return "<" + operation + "Response xmlns=\"" + ELASTICACHE_NS + "\">\n  <" + operation + "Result>" + resultXml
                + "</" + operation + "Result>\n  <ResponseMetadata><RequestId>req-" + requestIds.incrementAndGet()
                + "</RequestId></ResponseMetadata>\n</" + operation + "Response>";
    }

    public String error(String code, String message) {
        return "<ErrorResponse xmlns=\"" + ELASTICACHE_NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>err-" + requestIds.incrementAndGet()
                + "</RequestId></ErrorResponse>";
    }

    /** Every request received, in order. */
    public List<Received> requests() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The requests of one operation. */
    public List<Received> requests(String operation) {
        return requests().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        Received r;
        if (path.contains("/operation/")) {
            r = new Received(path.substring(path.lastIndexOf('/') + 1), Map.of(), Cbor.decodeMap(body), path);
        } else {
            Map<String, String> params = form(new String(body, StandardCharsets.UTF_8));
            r = new Received(params.getOrDefault("Action", "?"), params, Map.of(), path);
        }
        received.add(r);
        Reply reply = tags != null && r.operation().endsWith("TagsToResource")
                || tags != null && r.operation().equals("ListTagsForResource")
                || tags != null && r.operation().equals("RemoveTagsFromResource") ? tagReply(r) : next(r.operation());
        ex.getResponseHeaders().add("Content-Type", reply.contentType());
        ex.getResponseHeaders().add("x-amzn-RequestId", "req-" + requestIds.incrementAndGet());
        if ("application/cbor".equals(reply.contentType())) {
            ex.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
        }
        ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private synchronized Reply next(String operation) {
        Deque<Reply> q = replies.get(operation);
        if (q == null || q.isEmpty()) {
            return Reply.xml(400, error("UnscriptedOperation", "the test scripted no answer for " + operation));
        }
        return q.size() > 1 ? q.poll() : q.peek();
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
