package dev.runbook.aws.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group's endpoint during a rehearsal: one loopback address that stays while nodes swap behind it, as the DNS
 * endpoint of an ElastiCache group does. Each new client connection is piped to the node that is primary when
 * it connects; while no node answers (a single node's engine change) a connection is closed at once. A
 * failover drops every piped connection, as ElastiCache terminates client connections, so a client that
 * reconnects reaches the new primary at the same address. Bytes pass through untouched (TLS ends at the engine).
 */
final class Forwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final ServerSocket server;
    private final IntSupplier target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    /** Listens on 127.0.0.1:{@code port} (0 = any free port); {@code target} gives the primary's port, or -1. */
    Forwarder(String name, int port, IntSupplier target) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.target = target;
        this.acceptor = new Thread(this::accept, "endpoint-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                int port = target.getAsInt();
                Socket node = port < 0 ? null : connect(port);
                if (node == null) {
                    client.close();
                    continue;
                }
                open.add(client);
                open.add(node);
                pipe(client, node);
                pipe(node, client);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debug("endpoint accept failed", e);
                }
            }
        }
    }

    private static Socket connect(int port) {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return s;
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing was opened
            }
            return null;
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // one side went away: close both, as a dropped TCP connection would
            } finally {
                close(from);
                close(to);
            }
        }, "endpoint-pipe");
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Drops every piped connection (a failover or an engine change terminates client connections). */
    void dropAll() {
        open.forEach(this::close);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropAll();
    }
}
