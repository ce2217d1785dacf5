package dev.carecall.backend.room;

import dev.carecall.backend.auth.Caller;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;
import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;

import java.lang.System.Logger.Level;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One socket: who is behind it (once it registered) and how to reach it. Sends come from the room's queue, from the lobby and
 * from the socket's own thread (pong, errors); Helidon's session is not safe for that, so every send takes the lock.
 */
public final class Participant {
    private static final System.Logger LOG = System.getLogger(Participant.class.getName());

    private final WsSession session;
    private final ProtocolCodec codec;
    private volatile Caller caller;
    private final ReentrantLock sendLock = new ReentrantLock();
    private boolean closed;

    Participant(WsSession session, ProtocolCodec codec) {
        this.session = session;
        this.codec = codec;
    }

    /** Who registered on this socket, or null before {@code register} succeeded. */
    public Caller caller() {
        return caller;
    }

    void registeredAs(Caller who) {
        this.caller = who;
    }

    private String name() {
        Caller who = caller;
        return who == null ? "unregistered socket" : who.logName();
    }

    /** Sends one message; a socket that went away is noted and skipped, never an error for the sender. */
    public void send(ServerMessage message) {
        String text = codec.encode(message);
        sendLock.lock();
        try {
            if (closed) {
                return;
            }
            session.send(text, true);
        } catch (RuntimeException e) {
            closed = true;
            LOG.log(Level.DEBUG, "send to " + name() + " failed: " + e);
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends the message, then closes the socket with this code. */
    public void sendAndClose(ServerMessage message, int code, String reason) {
        send(message);
        close(code, reason);
    }

    public void close(int code, String reason) {
        sendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            session.close(code, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "close of " + name() + " failed: " + e);
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends a WebSocket ping frame; clients answer with a pong on their own (browsers, the JDK, Tyrus).
     *
     * @return false when the socket cannot be written to any more (a send or this ping failed): its seat is to be
     *         freed
     */
    boolean ping() {
        sendLock.lock();
        try {
            if (!closed) {
                session.ping(BufferData.empty());
            }
            return !closed;
        } catch (RuntimeException e) {
            closed = true;
            LOG.log(Level.DEBUG, "ping to " + name() + " failed: " + e);
            return false;
        } finally {
            sendLock.unlock();
        }
    }

    /** Answers a client's ping; Helidon (4.5 too) leaves that to the listener. */
    void pong(BufferData payload) {
        sendLock.lock();
        try {
            if (!closed) {
                session.pong(payload);
            }
        } catch (RuntimeException e) {
            closed = true;
            LOG.log(Level.DEBUG, "pong to " + name() + " failed: " + e);
        } finally {
            sendLock.unlock();
        }
    }

    /** Drops the connection without a closing handshake: the other side is not answering anyway. */
    void terminate() {
        sendLock.lock();
        try {
            closed = true;
            session.terminate();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "terminate of " + name() + " failed: " + e);
        } finally {
            sendLock.unlock();
        }
    }

    /** Marks the socket gone (the client closed it). */
    void markClosed() {
        sendLock.lock();
        try {
            closed = true;
        } finally {
            sendLock.unlock();
        }
    }
}
