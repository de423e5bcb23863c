package dev.runbook.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP endpoint standing in for AWS in tests: the real SDK clients are pointed at it with the SDK's own
 * endpoint override ({@code aws.endpointUrl}, the property twin of AWS_ENDPOINT_URL) and fake credentials; it
 * answers every request with one fixed reply and records the request bodies.
 */
public final class AwsStub implements AutoCloseable {
    static final Map<String, String> PROPERTIES = Map.of("aws.accessKeyId", "AKIDEXAMPLE",
            "aws.secretAccessKey", "secret-example");
    public final List<String> bodies = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public AwsStub(int status, String reply) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        PROPERTIES.forEach(System::setProperty);
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrl");
    }
}
