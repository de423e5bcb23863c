package dev.runbook.aws.engines;

import dev.runbook.action.RunFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;

/**
 * What the environment's data plane asks of a client, applied to the engines the rehearsal starts so the operator
 * rehearses the client path prod uses: the AUTH token the settings name, and TLS (the rehearsal's throwaway CA,
 * {@link EngineTls}) when {@code data-plane.tls} is on. The token and the TLS settings go into an owner-only config
 * file each engine reads at start (requirepass, and masterauth for a replica), never onto a command line.
 */
record EngineSecrets(Optional<String> token, Optional<EngineTls> tls) {
    static final EngineSecrets NONE = new EngineSecrets(Optional.empty());

    EngineSecrets(Optional<String> token) {
        this(token, Optional.empty());
    }

    Path writeConfig(Path file, boolean replica) throws IOException {
        StringBuilder conf = new StringBuilder("# written by the rehearsal; removed with the run folder\n");
        token.ifPresent(t -> {
            conf.append("requirepass ").append(quoted(t)).append('\n');
            if (replica) {
                conf.append("masterauth ").append(quoted(t)).append('\n');
            }
        });
        tls.ifPresent(t -> conf.append(t.configLines()));
        return RunFiles.write(file, conf.toString());
    }

    /** The port flags of the engine's command line: TLS only on {@code port} when TLS is on. */
    String[] portFlags(int port) {
        return tls.isPresent() ? new String[] {"--port", "0", "--tls-port", String.valueOf(port)}
                : new String[] {"--port", String.valueOf(port)};
    }

    /** A Jedis config that authenticates and, with TLS, trusts only the rehearsal's CA. */
    DefaultJedisClientConfig.Builder clientConfig() {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder();
        token.ifPresent(config::password);
        tls.ifPresent(t -> config.ssl(true).sslSocketFactory(t.sockets()));
        return config;
    }

    /** A raw connection to the engine on {@code port}: TLS with the handshake done when TLS is on. */
    Socket connect(int port, int millis) throws IOException {
        if (tls.isPresent()) {
            return tls.get().connect(port, millis);
        }
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress("127.0.0.1", port), millis);
            s.setSoTimeout(millis);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Writes AUTH (when there is a token) then PING, as RESP. */
    void writePing(OutputStream out) throws IOException {
        StringBuilder resp = new StringBuilder();
        token.ifPresent(t -> resp.append(resp(t.getBytes(StandardCharsets.UTF_8))));
        resp.append("*1\r\n$4\r\nPING\r\n");
        out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String resp(byte[] token) {
        return "*2\r\n$4\r\nAUTH\r\n$" + token.length + "\r\n" + new String(token, StandardCharsets.UTF_8) + "\r\n";
    }
}
