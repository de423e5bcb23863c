package dev.runbook.aws.engines;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group's endpoint during a rehearsal: one loopback address that stays while nodes swap behind it, as the DNS
 * endpoint of an ElastiCache group does. Each new client connection is piped to the node that is primary when
 * it connects; while no node answers (a single node's engine change) a connection is closed at once. A
 * failover drops every piped connection, as ElastiCache terminates client connections, so a client that
 * reconnects reaches the new primary at the same address. Bytes pass through untouched (TLS ends at the engine).
 * One thread and a selector move every connection's bytes: a thread per direction and connection (100 for the
 * benchmark's 50 clients) woke a thread at each hop and halved what the engines could answer on two cores.
 */
final class Forwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final int BUFFER = 64 * 1024;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final IntSupplier target;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Pipe> pipes = new ArrayList<>(); // the loop thread's only
    private volatile boolean closed;

    /**
     * One direction of one connection: bytes read from {@code from} wait in {@code buffer} for {@code to}. A channel
     * has one key; its attachment is the pipe that reads from it, so OP_READ on it is this pipe's and OP_WRITE on it
     * is {@code back}'s (the pipe that writes to it).
     */
    private static final class Pipe {
        final SocketChannel from;
        final SocketChannel to;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        SelectionKey key;
        Pipe back;

        Pipe(SocketChannel from, SocketChannel to) {
            this.from = from;
            this.to = to;
        }
    }

    /** Listens on 127.0.0.1:{@code port} (0 = any free port); {@code target} gives the primary's port, or -1. */
    Forwarder(String name, int port, IntSupplier target) throws IOException {
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server.configureBlocking(false);
            this.selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        this.target = target;
        this.loop = new Thread(this::run, "endpoint-" + name);
        loop.setDaemon(true);
        loop.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void run() {
        while (!closed) {
            try {
                selector.select();
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid() && key.isAcceptable()) {
                        accept();
                    } else if (key.attachment() instanceof Pipe p) {
                        if (key.isValid() && key.isWritable()) {
                            write(p.back);
                        }
                        if (key.isValid() && key.isReadable()) {
                            read(p);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.debug("endpoint loop", e);
                }
            }
        }
        dropPipes();
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void accept() throws IOException {
        SocketChannel client = server.accept();
        if (client == null) {
            return;
        }
        int port = target.getAsInt();
        SocketChannel node = port < 0 ? null : connect(port);
        if (node == null) {
            client.close();
            return;
        }
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        client.configureBlocking(false);
        node.configureBlocking(false);
        Pipe up = new Pipe(client, node);
        Pipe down = new Pipe(node, client);
        up.back = down;
        down.back = up;
        for (Pipe p : List.of(up, down)) {
            p.key = p.from.register(selector, SelectionKey.OP_READ, p);
            pipes.add(p);
        }
    }

    /** Connects to the node (blocking, bounded: a stopped node on loopback refuses at once). */
    private static SocketChannel connect(int port) {
        try {
            SocketChannel s = SocketChannel.open();
            try {
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                s.socket().connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return s;
            } catch (IOException e) {
                s.close();
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads what {@code p.from} has and passes it on; what {@code to} cannot take yet waits, reading pauses. */
    private void read(Pipe p) {
        try {
            if (p.from.read(p.buffer) < 0) {
                drop(p);
                return;
            }
            p.buffer.flip();
            p.to.write(p.buffer);
            if (p.buffer.hasRemaining()) { // the rest waits in the buffer; reading pauses until it is written
                p.key.interestOps(p.key.interestOps() & ~SelectionKey.OP_READ);
                p.back.key.interestOps(p.back.key.interestOps() | SelectionKey.OP_WRITE);
            } else {
                p.buffer.clear();
            }
        } catch (IOException e) {
            drop(p); // one side went away: close both, as a dropped TCP connection would
        }
    }

    /** {@code p.to} can take more: drains the buffer, then reads {@code p.from} again. */
    private void write(Pipe p) {
        try {
            p.to.write(p.buffer);
            if (!p.buffer.hasRemaining()) {
                p.buffer.clear();
                p.back.key.interestOps(p.back.key.interestOps() & ~SelectionKey.OP_WRITE);
                p.key.interestOps(p.key.interestOps() | SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            drop(p);
        }
    }

    private void drop(Pipe p) {
        close(p.from);
        close(p.to);
        pipes.remove(p);
        pipes.remove(p.back);
    }

    private void dropPipes() {
        for (Pipe p : List.copyOf(pipes)) {
            drop(p);
        }
    }

    private static void close(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /**
     * Drops every piped connection (a failover or an engine change terminates client connections); returns once
     * they are closed.
     */
    void dropAll() {
        if (closed || Thread.currentThread() == loop) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        tasks.add(() -> {
            dropPipes();
            done.countDown();
        });
        selector.wakeup();
        try {
            if (!done.await(5, TimeUnit.SECONDS)) {
                LOG.warn("endpoint: connections not dropped within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        dropAll();
        closed = true;
        selector.wakeup();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
