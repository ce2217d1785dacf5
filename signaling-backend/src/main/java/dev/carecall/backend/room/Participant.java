package dev.carecall.backend.room;

import dev.carecall.backend.auth.Caller;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;
import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.websocket.WsSession;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One socket: who is behind it (once it registered) and how to reach it. Nothing that sends to a socket ever waits
 * for it: {@link #send} only puts the frame in the socket's bounded queue, and one virtual thread at a time (started
 * when the queue gets work, gone when it is empty) writes the queue to the network. A client that stops reading
 * therefore stalls only its own writer; when its queue overflows or a write has not finished for the stall limit,
 * the socket is given up ({@link #CLOSE_TOO_SLOW}) and {@code whenTooSlow} frees its seat at once.
 *
 * <p>{@link #cut()} closes the TCP connection itself: Helidon's own close and terminate send a close frame under its
 * send lock, so they would wait behind the very write that hangs.
 */
public final class Participant {
    /** WebSocket close code for a socket that did not read what was sent to it in time (PROTOCOL.md). */
    public static final int CLOSE_TOO_SLOW = 4008;

    private static final System.Logger LOG = System.getLogger(Participant.class.getName());

    /** What a slow socket costs at most, and how long one write may hang before the socket is given up. */
    record Limits(int maxQueued, long stallNanos) {
    }

    /** A frame waiting in the queue. */
    private sealed interface Frame {
    }

    private record Text(String text) implements Frame {
    }

    /** An answer to the socket's own message ({@link #answer}): counted apart from what others send it. */
    private record Answer(String text) implements Frame {
    }

    private record Ping() implements Frame {
    }

    private record Pong(BufferData payload) implements Frame {
    }

    private record Close(int code, String reason) implements Frame {
    }

    private final WsSession session;
    /**
     * The server connection under {@link #session}, written to directly so that queued messages go out in one write
     * ({@link TextFrames}); null only for a session that is not a server connection (never in this server).
     */
    private final ConnectionContext connection;
    private final ProtocolCodec codec;
    private final Limits limits;
    private final Runnable whenTooSlow;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** {@link Answer}s waiting, at most {@link Limits#maxQueued()}; not part of {@link #queued}. */
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** No more frames are taken: a close frame is queued, or the connection is gone. */
    private final AtomicBoolean closing = new AtomicBoolean();
    /** When the write in progress began ({@link System#nanoTime()}), or 0 while none runs. */
    private volatile long writeStarted;
    private volatile boolean gone;
    /** A write failed: the connection is broken, whatever its close handshake says. */
    private volatile boolean broken;
    private volatile Caller caller;

    Participant(WsSession session, ProtocolCodec codec, Limits limits, Runnable whenTooSlow) {
        this.session = session;
        this.connection = session.socketContext() instanceof ConnectionContext c ? c : null;
        this.codec = codec;
        this.limits = limits;
        this.whenTooSlow = whenTooSlow;
    }

    /** Who registered on this socket, or null before {@code register} succeeded. */
    public Caller caller() {
        return caller;
    }

    void registeredAs(Caller who) {
        this.caller = who;
    }

    /** Whether nothing more will be written: the close frame went out, or the connection is gone. */
    boolean done() {
        return gone;
    }

    /** Whether frames can still reach this socket: false once it closes, is closed or was given up. */
    public boolean isOpen() {
        return !closing.get() && !gone;
    }

    /** Queues one message; a socket that went away is skipped, never an error for the sender. Never blocks. */
    public void send(ServerMessage message) {
        if (isOpen()) {
            sendText(codec.encode(message));
        }
    }

    /** Queues an encoded message as it is (a relayed frame is encoded once for its one receiver). Never blocks. */
    void sendText(String text) {
        offer(new Text(text));
    }

    /**
     * Queues an answer to something this socket sent itself (an {@code error} such as {@code RATE_LIMITED}, a
     * {@code pong}). Answers have a bound of their own, beyond which further ones are dropped: a client that floods
     * and does not read what it is told loses those answers, not its socket, so its refusals can never give up a
     * socket that still reads what the other party sends. A write that hangs still gives the socket up. Never blocks.
     */
    void answer(ServerMessage message) {
        if (!isOpen()) {
            return;
        }
        if (givenUpAsHung()) {
            return;
        }
        if (answers.incrementAndGet() > limits.maxQueued()) {
            answers.decrementAndGet();
            return;
        }
        queue.add(new Answer(codec.encode(message)));
        write();
    }

    /** Queues the message and after it the close frame with this code. */
    public void sendAndClose(ServerMessage message, int code, String reason) {
        send(message);
        close(code, reason);
    }

    /** Queues the close frame: what was queued before still goes out first. */
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            queued.incrementAndGet();
            queue.add(new Close(code, reason));
            write();
        }
    }

    /**
     * Sends a WebSocket ping frame; clients answer with a pong on their own (browsers, the JDK, Tyrus).
     *
     * @return false when the socket cannot be written to any more (a send failed): its seat is to be freed
     */
    boolean ping() {
        offer(new Ping());
        return !broken;
    }

    /** Answers a client's ping; Helidon (4.5 too) leaves that to the listener. */
    void pong(BufferData payload) {
        offer(new Pong(payload));
    }

    /** Whether a write has been hanging for longer than the stall limit: the client does not read. */
    boolean stalled() {
        long started = writeStarted;
        return started != 0 && System.nanoTime() - started > limits.stallNanos();
    }

    /** For the keep-alive, which also sees sockets nobody sends to any more: a hung write gives the socket up. */
    void giveUpIfHung() {
        if (isOpen()) {
            givenUpAsHung();
        }
    }

    /** Gives the socket up if a write has hung past the stall limit; returns whether it did. */
    private boolean givenUpAsHung() {
        if (!stalled()) {
            return false;
        }
        tooSlow("a write hung for more than " + limits.stallNanos() / 1_000_000 + " ms");
        return true;
    }

    /** Drops the connection without a closing handshake, without waiting for a write in progress. */
    void cut() {
        gone = true;
        closing.set(true);
        queue.clear();
        if (connection != null) {
            try {
                connection.serverSocket().close();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "closing the connection of " + name() + " failed: " + e);
            }
        }
        // Not a server connection (never in this server): Helidon's terminate, off this thread, as it may wait.
        Thread.ofVirtual().start(() -> {
            try {
                session.terminate();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "terminate of " + name() + " ended: " + e);
            }
        });
    }

    /** Marks the socket gone (the client closed it, or the connection broke). */
    void markClosed() {
        gone = true;
        closing.set(true);
        queue.clear();
    }

    private void offer(Frame frame) {
        if (!isOpen()) {
            return;
        }
        if (givenUpAsHung()) {
            return;
        }
        if (queued.incrementAndGet() > limits.maxQueued()) {
            queued.decrementAndGet();
            tooSlow("more than " + limits.maxQueued() + " messages waited to be sent");
            return;
        }
        queue.add(frame);
        write();
    }

    /**
     * The socket does not read what it is sent: what waits is dropped, a close frame with {@link #CLOSE_TOO_SLOW}
     * goes out once the hung write (if any) finishes, and the room learns at once that the seat is free. If the
     * close frame cannot go out either, the keep-alive cuts the connection once the socket was silent for three of its
     * intervals (what a given-up socket sends no longer counts as heard).
     */
    private void tooSlow(String why) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        LOG.log(Level.INFO, "giving up the socket of " + name() + ": " + why);
        queue.clear();
        answers.set(0);
        queued.set(1);
        queue.add(new Close(CLOSE_TOO_SLOW, "too slow"));
        write();
        whenTooSlow.run();
    }

    /** Starts the writer unless one runs; the writer re-checks the queue after it stops, so no frame is stranded. */
    private void write() {
        if (writing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("socket-writer").start(this::drain);
        }
    }

    private void drain() {
        Frame carried = null;
        while (true) {
            Frame frame = carried != null ? carried : queue.poll();
            carried = null;
            if (frame == null) {
                writing.set(false);
                if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            uncount(frame);
            if (gone) {
                continue;
            }
            writeStarted = System.nanoTime();
            try {
                switch (frame) {
                    case Text t -> carried = writeTexts(t.text());
                    case Answer a -> carried = writeTexts(a.text());
                    case Ping p -> session.ping(BufferData.empty());
                    case Pong p -> session.pong(p.payload());
                    case Close c -> {
                        gone = true;
                        session.close(c.code(), c.reason());
                    }
                }
            } catch (RuntimeException e) {
                broken = true;
                gone = true;
                closing.set(true);
                LOG.log(Level.DEBUG, "write to " + name() + " failed: " + e);
            } finally {
                writeStarted = 0;
            }
        }
    }

    /**
     * Writes this message and the text messages queued right behind it in one write ({@link TextFrames}). Returns the
     * frame taken from the queue that did not join the batch (not yet uncounted), or null.
     */
    private Frame writeTexts(String first) {
        if (connection == null) {
            session.send(first, true);
            return null;
        }
        TextFrames batch = new TextFrames(first);
        Frame next = null;
        while (batch.hasRoom() && (next = queue.poll()) != null) {
            String text = switch (next) {
                case Text t -> t.text();
                case Answer a -> a.text();
                case Ping p -> null;
                case Pong p -> null;
                case Close c -> null;
            };
            if (text == null || !batch.add(text)) {
                break;
            }
            uncount(next);
            next = null;
        }
        connection.dataWriter().writeNow(BufferData.create(batch.encode()));
        return next;
    }

    private void uncount(Frame frame) {
        (frame instanceof Answer ? answers : queued).decrementAndGet();
    }

    private String name() {
        Caller who = caller;
        return who == null ? "unregistered socket" : who.logName();
    }
}
