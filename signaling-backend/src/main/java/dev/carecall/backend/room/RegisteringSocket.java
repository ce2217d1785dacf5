package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Protocol;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ProtocolException;
import dev.carecall.protocol.RelayedSignal;
import dev.carecall.protocol.RoomRequest;
import dev.carecall.protocol.ServerMessage;
import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What every CareCall socket does before and around its own messages: the first message must be {@code register}
 * with a valid token within the register timeout, or the socket gets {@code error} and close 1008; after that, bad
 * input is answered with {@code error} and the socket stays open. This is the thread boundary of a socket: every
 * failure is translated here, once, into an {@code error} message.
 */
abstract sealed class RegisteringSocket implements WsListener permits RoomSocket, LobbySocket {
    /** How many frames a socket's reader handles before it gives the other virtual threads a turn. */
    private static final int FRAMES_PER_TURN = 8;
    private static final System.Logger LOG = System.getLogger(RegisteringSocket.class.getName());
    private static final int NEW = 0;
    private static final int REGISTERING = 1;
    private static final int REGISTERED = 2;
    private static final int REFUSED = 3;
    /** Pings a socket may leave unanswered before it counts as gone. */
    private static final int MISSED_PINGS = 3;

    private final Tokens tokens;
    private final ProtocolCodec codec;
    private final ScheduledExecutorService timer;
    private final Duration registerTimeout;
    private final Duration keepAlive;
    private final CallMetrics metrics;
    private final RelaySettings relay;
    private final AtomicInteger state = new AtomicInteger(NEW);
    /** Frames of one message; Helidon hands over fragments as they arrive. Only the socket's thread touches it. */
    private final StringBuilder fragments = new StringBuilder();
    /** Frames handled since the reader last gave up its carrier; touched only by the reading thread. */
    private int framesSinceTurn;
    private boolean oversized;
    private volatile Participant participant;
    private volatile ScheduledFuture<?> timeout;
    private volatile ScheduledFuture<?> pinger;
    /**
     * When anything (a message, a pong, a ping) last arrived, in {@link System#nanoTime()}; moved later by the time
     * the keep-alive ran late, so that it measures silence the server was there to hear.
     */
    private final AtomicLong lastHeard = new AtomicLong(System.nanoTime());
    /** When the keep-alive last ran, in {@link System#nanoTime()}; only the keep-alive touches it. */
    private long lastKeepAlive = System.nanoTime();

    RegisteringSocket(Tokens tokens, ProtocolCodec codec, ScheduledExecutorService timer, Duration registerTimeout,
                      Duration keepAlive, CallMetrics metrics, RelaySettings relay) {
        this.tokens = tokens;
        this.relay = relay;
        this.codec = codec;
        this.timer = timer;
        this.registerTimeout = registerTimeout;
        this.keepAlive = keepAlive;
        this.metrics = metrics;
    }

    /** Authorises the caller for this socket and seats it; throws {@link CareCallException} to refuse. */
    abstract void register(Participant participant, Caller caller, String requestId);

    /**
     * Handles a call action of a registered socket ({@code register} and {@code ping} are answered here for every
     * socket); throws {@link CareCallException} to answer with an error.
     */
    abstract void handle(Participant participant, RoomRequest request);

    /** The registered socket closed. */
    abstract void closed(Participant participant);

    /**
     * Relays a valid {@code signal} read by its envelope only ({@link ProtocolCodec#relayable}); called only when
     * {@link #relaysSignals()}. Throws {@link CareCallException} to answer with an error.
     */
    void relay(Participant participant, RelayedSignal signal) {
        throw new IllegalStateException("this socket relays no signals");
    }

    /**
     * Whether this socket relays signals ({@link #relay}): only then is the envelope-only reading tried; elsewhere a
     * signal is read in full and answered like any other message.
     */
    boolean relaysSignals() {
        return false;
    }

    @Override
    public void onOpen(WsSession session) {
        participant = new Participant(session, codec, relay.sendLimits(), this::tooSlow);
        // The timer only triggers; the work runs on a virtual thread, so a socket whose send blocks cannot hold up
        // the timer every other socket shares.
        timeout = timer.schedule(() -> Thread.ofVirtual().start(this::registerTimedOut), registerTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        long every = keepAlive.toMillis();
        pinger = timer.scheduleAtFixedRate(() -> Thread.ofVirtual().start(this::keepAlive), every, every,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        lastHeard.set(System.nanoTime());
        takeTurn();
    }

    /** Helidon (4.5 too) does not answer pings by itself; a client that checks the line with them must get its pong. */
    @Override
    public void onPing(WsSession session, BufferData buffer) {
        lastHeard.set(System.nanoTime());
        participant.pong(buffer);
        takeTurn();
    }

    /**
     * A connection that died without closing (a laptop lid shut, a phone leaving Wi-Fi) would look connected for
     * many minutes; three missed pings end it, so the other party and call-status see the truth. A ping that cannot
     * be written at all means the same at once. A client
     * that sends but does not read is given up here too, if nobody sent to it since its write hung.
     * <p>
     * Silence counts only while the server was there to hear it: when the keep-alive runs late (the process stalled:
     * a long pause, a machine short of CPU, where no ping went out and no pong was read), the time it is late by is
     * not the client's silence. Without that, one stall of a few seconds dropped every socket of the server at once,
     * though each client had answered every ping it got. A client that is gone is still dropped after three
     * intervals of the keep-alive running. A socket that has not registered yet is left to the register timeout.
     */
    private synchronized void keepAlive() {
        ScheduledFuture<?> ping = pinger;
        if (ping != null && ping.isCancelled()) {
            return; // dropped or closed already; a run the timer had started before that is void
        }
        Participant p = participant;
        p.giveUpIfHung();
        long now = System.nanoTime();
        long late = now - lastKeepAlive - keepAlive.toNanos();
        lastKeepAlive = now;
        if (late > 0) {
            lastHeard.accumulateAndGet(late, (heard, by) -> Math.min(now, heard + by));
        }
        // Before its register, a socket's time is the register timeout's, which answers with a typed error.
        boolean registering = state.get() == NEW || state.get() == REGISTERING;
        if (!registering && now - lastHeard.get() > MISSED_PINGS * keepAlive.toNanos()) {
            drop("dropping a silent socket");
        } else if (!p.ping()) {
            drop("dropping a socket that cannot be written to");
        }
    }

    private void drop(String why) {
        Participant p = participant;
        if (p == null) {
            return;
        }
        LOG.log(Level.INFO, why + (p.caller() == null ? "" : " of " + p.caller().logName()));
        p.cut(); // does not wait for a write in progress
        finish();
    }

    /**
     * The socket did not read what was sent to it (its queue overflowed or a write hung): its seat is freed now,
     * so the room carries on; the socket itself closes with 4008 once its hung write ends, or is cut by the
     * keep-alive when silent. May run on any thread that sent to it.
     */
    private void tooSlow() {
        metrics.socketTooSlow();
        cancelTimeout();
        Participant p = participant;
        if (state.getAndSet(REFUSED) == REGISTERED) {
            closed(p);
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        try {
            receive(text, last);
        } finally {
            takeTurn();
        }
    }

    /** The protocol is text: binary frames are ignored, but take their turn like any other frame. */
    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        takeTurn();
    }

    /**
     * Gives the other virtual threads a turn every {@link #FRAMES_PER_TURN} frames. Virtual threads are not
     * time-sliced: a socket that always has data waiting (a flood, or a client that sends faster than a server short
     * of CPU reads) never parks its reader, which so keeps its carrier thread. As many such sockets as carriers held
     * up every room's queue and every socket's writer until they stopped sending: a patient given up under a flood
     * left a room whose doctor was never told, the room's task waiting for a carrier. A timed park, not
     * {@link Thread#yield()}: a yielding virtual thread goes back on its carrier's own queue when that holds work (the
     * writers the reader starts), and a carrier runs its own queue before it looks anywhere else, so reader and
     * writers kept the carrier between them. A park costs tens of microseconds; after every frame it cost the relay
     * over a quarter of its throughput at saturation (36,596 against 50,837 messages a second every 8 frames, idle
     * benchmark runs one after the other), while a turn every few frames holds others up no longer than a few
     * frames' handling. Called only on the socket's reading thread.
     */
    private void takeTurn() {
        if (++framesSinceTurn >= FRAMES_PER_TURN && Thread.currentThread().isVirtual()) {
            framesSinceTurn = 0;
            LockSupport.parkNanos(1);
        }
    }

    private void receive(String text, boolean last) {
        if (!participant.isOpen()) {
            // Given up or closing: nothing it says is handled, nor keeps it alive, so the keep-alive cuts it in the
            // end if its close frame cannot go out.
            return;
        }
        lastHeard.set(System.nanoTime());
        if (last && !oversized && fragments.isEmpty()) {
            // The usual case, one frame: no copy of the text.
            if (text.length() > Protocol.MAX_MESSAGE_BYTES) {
                fail(ErrorCode.MESSAGE_TOO_LARGE, "This message is larger than " + Protocol.MAX_MESSAGE_BYTES
                        + " bytes and was dropped.", null);
            } else {
                dispatch(text);
            }
            return;
        }
        if (!oversized) {
            fragments.append(text);
            if (fragments.length() > Protocol.MAX_MESSAGE_BYTES) {
                oversized = true; // keep reading its fragments, but keep none of them
                fragments.setLength(0);
            }
        }
        if (!last) {
            return;
        }
        if (oversized) {
            oversized = false;
            fail(ErrorCode.MESSAGE_TOO_LARGE, "This message is larger than " + Protocol.MAX_MESSAGE_BYTES
                    + " bytes and was dropped.", null);
            return;
        }
        String whole = fragments.toString();
        fragments.setLength(0);
        dispatch(whole);
    }

    private void dispatch(String whole) {
        // The hot path: a signal of a registered room socket is checked by its envelope and passed on as written.
        RelayedSignal signal = relaysSignals() && state.get() == REGISTERED ? codec.relayable(whole) : null;
        if (signal != null) {
            answering(signal.requestId(), "signal", () -> relay(participant, signal));
            return;
        }
        ClientMessage message;
        try {
            message = codec.decodeClient(whole);
        } catch (ProtocolException e) {
            fail(e.code(), "The message could not be read: " + e.getMessage(), e.requestId());
            return;
        }
        answering(message.requestId(), message.getClass().getSimpleName(), () -> handle(message));
    }

    private void handle(ClientMessage message) {
        if (state.get() == REGISTERED) {
            switch (message) {
                case ClientMessage.Register r -> throw new CareCallException(ErrorCode.FORBIDDEN,
                        "This connection is registered already.");
                case ClientMessage.Ping p -> participant.answer(new ServerMessage.Pong(p.requestId()));
                case RoomRequest request -> handle(participant, request);
            }
        } else if (message instanceof ClientMessage.Register register) {
            if (!state.compareAndSet(NEW, REGISTERING)) {
                return; // timed out or refused already; the socket is closing
            }
            Caller caller = tokens.verify(register.token());
            register(participant, caller, register.requestId());
            cancelTimeout();
            if (!state.compareAndSet(REGISTERING, REGISTERED)) {
                closed(participant); // the socket closed while it was being seated
            }
        } else {
            throw new CareCallException(ErrorCode.NOT_REGISTERED,
                    "Send 'register' with your token first.");
        }
    }

    /** Runs the socket's handling of one message; a failure is answered here, once, with its request id. */
    private void answering(String requestId, String what, Runnable handling) {
        try {
            handling.run();
        } catch (CareCallException e) {
            fail(e.code(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "handling " + what + " failed", e);
            fail(ErrorCode.INTERNAL_ERROR, "Something went wrong on the server. Please try again.", requestId);
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        finish();
    }

    /** The socket is gone, however it went: stop its timers and, once, free its seat. */
    private void finish() {
        cancelTimeout();
        ScheduledFuture<?> ping = pinger;
        if (ping != null) {
            ping.cancel(false);
        }
        Participant p = participant;
        if (p == null) {
            return;
        }
        p.markClosed();
        if (state.getAndSet(REFUSED) == REGISTERED) {
            closed(p);
        }
    }

    /** Helidon reports a broken connection (a reset, a failed read or write) here, often without a close after it. */
    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.log(Level.DEBUG, "socket error", t);
        drop("dropping a socket after an error (" + t.getClass().getSimpleName() + ")");
    }

    /** Answers with an error; before a successful register that also ends the socket (PROTOCOL.md). */
    private void fail(ErrorCode code, String message, String requestId) {
        ServerMessage.Error error = new ServerMessage.Error(code, message, requestId);
        if (state.get() == REGISTERED) {
            participant.answer(error);
        } else {
            state.set(REFUSED);
            metrics.registerFailed(code);
            cancelTimeout();
            participant.sendAndClose(error, Calls.CLOSE_POLICY, code.name());
        }
    }

    private void registerTimedOut() {
        if (state.compareAndSet(NEW, REFUSED)) {
            metrics.registerFailed(ErrorCode.REGISTER_TIMEOUT);
            participant.sendAndClose(new ServerMessage.Error(ErrorCode.REGISTER_TIMEOUT,
                    "No 'register' arrived within " + registerTimeout.toSeconds() + " seconds.", null),
                    Calls.CLOSE_POLICY, "register timeout");
        }
    }

    private void cancelTimeout() {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
    }
}
