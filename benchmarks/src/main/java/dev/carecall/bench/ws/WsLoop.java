package dev.carecall.bench.ws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread that runs many {@link WsConnection}s and the timers that pace their sends. Other threads hand
 * it work with {@link #execute} / {@link #call}; everything else happens on its thread. It keeps account of the time
 * it spends waiting in {@code select} and of its own CPU time, which is how a run shows that the generator idled.
 */
public final class WsLoop implements AutoCloseable {
    /** A timer: runs once at {@code at} ({@link System#nanoTime()}); re-add it to repeat. */
    public abstract static class Timer implements Comparable<Timer> {
        long at;
        private long order;

        public abstract void fire(long now);

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 20);
    private ByteBuffer writeScratch = ByteBuffer.allocateDirect(64 * 1024);
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<WsConnection> connections = Collections.newSetFromMap(new IdentityHashMap<>());
    private long timerOrder;
    private volatile boolean running = true;
    private volatile long idleNanos;

    public WsLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens a socket to {@code server} from {@code source} (several loopback addresses widen the port range). */
    public void connect(InetSocketAddress server, InetAddress source, String path, WsHandler handler) {
        execute(() -> {
            SocketChannel channel = null;
            WsConnection connection = null;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (source != null) {
                    channel.bind(new InetSocketAddress(source, 0));
                }
                connection = new WsConnection(this, channel, server, path, handler);
                connections.add(connection);
                boolean now = channel.connect(server);
                SelectionKey key = channel.register(selector, now ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
                        connection);
                connection.registered(key);
                if (now) {
                    connection.connectable();
                }
            } catch (IOException e) {
                if (connection != null) {
                    connections.remove(connection);
                }
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // failed anyway
                    }
                }
                handler.closed(connection, "connect failed: " + e);
            }
        });
    }

    /** Runs {@code task} on the loop's thread. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the loop's thread and hands back its result. */
    public <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Schedules {@code timer} at {@code atNanos}. Loop thread only. */
    public void schedule(Timer timer, long atNanos) {
        timer.at = atNanos;
        timer.order = timerOrder++;
        timers.add(timer);
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Nanoseconds this loop spent waiting for sockets or timers so far. */
    public long idleNanos() {
        return idleNanos;
    }

    /** CPU time of this loop's thread so far, in nanoseconds. */
    public long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.threadId());
    }

    ByteBuffer writeScratch(int length) {
        if (writeScratch.capacity() < length) {
            writeScratch = ByteBuffer.allocateDirect(Math.max(length, 2 * writeScratch.capacity()));
        }
        writeScratch.clear();
        return writeScratch;
    }

    void forget(WsConnection connection) {
        connections.remove(connection);
    }

    private void run() {
        while (running) {
            long wait = waitMillis();
            long before = System.nanoTime();
            try {
                if (wait == 0) {
                    selector.selectNow();
                } else {
                    selector.select(wait);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            idleNanos += System.nanoTime() - before;
            for (SelectionKey key : selector.selectedKeys()) {
                WsConnection connection = (WsConnection) key.attachment();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isConnectable()) {
                    connection.connectable();
                    continue;
                }
                if (key.isValid() && key.isWritable()) {
                    connection.writable();
                }
                if (key.isValid() && key.isReadable()) {
                    connection.readable(readBuffer);
                }
            }
            selector.selectedKeys().clear();
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
            long now = System.nanoTime();
            while (!timers.isEmpty() && timers.peek().at <= now) {
                timers.poll().fire(now);
            }
        }
        for (WsConnection connection : connections.toArray(WsConnection[]::new)) {
            connection.close();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // the loop ends anyway
        }
    }

    /** Milliseconds until the next timer, at most 100 (tasks wake the selector themselves). */
    private long waitMillis() {
        if (!tasks.isEmpty()) {
            return 0;
        }
        Timer next = timers.peek();
        if (next == null) {
            return 100;
        }
        long nanos = next.at - System.nanoTime();
        if (nanos <= 0) {
            return 0;
        }
        return Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
    }

    /** Closes every socket of this loop and stops its thread. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
