package dev.runbook.action.dataplane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The benchmark's load: {@code clients} connections (one thread each, opened once and kept, as
 * redis-benchmark's keep-alive clients) that together send {@code requests} commands of one test, one at a
 * time per connection (no pipelining), timing each round trip. The connections come from the run's
 * {@link JedisConnector}, so TLS, the CA file and AUTH are the data plane's own; every reply is bounded by
 * the connector's timeout and the whole benchmark by a deadline.
 */
final class LoadGenerator implements AutoCloseable {
    /** One test's numbers: requests/s over the wall time, and round-trip latencies. */
    record Result(LoadTest test, int requests, double seconds, double rps, double avgMs, double p50Ms, double p99Ms) {
        String line() {
            return String.format(Locale.ROOT, "%s %.0f rps (p50 %.3f ms, p99 %.3f ms)", test, rps, p50Ms, p99Ms);
        }
    }

    /** The deadline passed before a test finished. */
    static final class TimedOut extends Exception {
        TimedOut(String message) {
            super(message);
        }
    }

    private final List<Jedis> connections = new ArrayList<>();
    private final ExecutorService pool;
    private final String endpoint;

    /** Opens every connection first (and selects {@code db}), so connecting is not timed as load. */
    LoadGenerator(JedisConnector connector, int clients, int db, Duration replyTimeout) {
        this.endpoint = connector.endpoint().toString();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "benchmark-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < clients; i++) {
                Jedis j = connector.connect(replyTimeout);
                connections.add(j);
                if (db != 0) {
                    j.select(db);
                }
            }
        } catch (JedisException e) {
            close();
            throw JedisCacheClient.translate(e, endpoint);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Runs one test to its end; throws {@link TimedOut} at {@code deadline} (System.nanoTime), CacheException on a failed call. */
    Result run(LoadTest test, int requests, int keyspace, String prefix, long deadline)
            throws InterruptedException, TimedOut {
        long[] latency = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean late = new AtomicBoolean();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(connections.size());
        long start = System.nanoTime();
        for (Jedis j : connections) {
            pool.execute(() -> {
                try {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int i;
                    while (failure.get() == null && !late.get() && (i = next.getAndIncrement()) < requests) {
                        long sent = System.nanoTime();
                        if (sent - deadline > 0) {
                            late.set(true);
                            break;
                        }
                        test.send(j, prefix, random.nextInt(keyspace));
                        latency[i] = System.nanoTime() - sent;
                    }
                } catch (JedisException e) {
                    failure.compareAndSet(null, JedisCacheClient.translate(e, endpoint));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            late.set(true); // every client stops after its current reply (each bounded by the reply timeout)
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw failure.get();
        }
        if (late.get()) {
            throw new TimedOut(test + " had sent " + Math.min(next.get(), requests) + " of " + requests + " requests");
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        double avg = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return new Result(test, requests, seconds, requests / seconds, avg, percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6);
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    @Override
    public void close() {
        pool.shutdownNow();
        for (Jedis j : connections) {
            try {
                j.close();
            } catch (JedisException e) {
                // Closing a broken connection: nothing left to do.
            }
        }
    }
}
