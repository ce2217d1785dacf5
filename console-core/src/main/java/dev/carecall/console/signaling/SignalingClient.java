package dev.carecall.console.signaling;

import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ProtocolException;
import dev.carecall.protocol.ServerMessage;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * One WebSocket to the signaling backend (a room or the doctor's lobby): connects, sends {@code register} with the
 * token, delivers every server message of the socket's family ({@code RoomMessage} or {@code LobbyMessage}) to a
 * {@link SignalingListener}, serialises sends, and while the socket is dropped reconnects every
 * {@link #RECONNECT_DELAY} and registers again.
 *
 * <p>Everything (connecting, sending, delivering) runs on one thread per client, so sends keep their order, callers
 * never block on the network, and the listener sees messages one at a time. It gives up (state
 * {@link SignalingState#CLOSED}) only when closed or when the server refuses the token or replaced this socket by a
 * newer one: reconnecting would not help then, and the {@code error} that said so reaches the listener first.
 *
 * @param <M> the socket's family of server messages
 */
public final class SignalingClient<M extends ServerMessage> implements AutoCloseable {
    /** Pause between reconnect attempts, as the product's signaling always did. */
    public static final Duration RECONNECT_DELAY = Duration.ofSeconds(3);

    private static final Logger LOG = Logger.getLogger(SignalingClient.class.getName());
    /** Without traffic for this long the socket is probed with a {@code ping}... */
    private static final Duration IDLE_PING = Duration.ofSeconds(15);
    /** ...and without any answer for this long it counts as dead (a half-open TCP connection never closes). */
    private static final Duration DEAD_AFTER = Duration.ofSeconds(40);
    /** Errors after which the same token on a new socket would fail again. */
    private static final Set<ErrorCode> FINAL_ERRORS = EnumSet.of(ErrorCode.INVALID_TOKEN, ErrorCode.TOKEN_EXPIRED,
            ErrorCode.TOKEN_REVOKED, ErrorCode.LINK_REPLACED,
            ErrorCode.WRONG_APPOINTMENT, ErrorCode.FORBIDDEN, ErrorCode.APPOINTMENT_NOT_FOUND,
            ErrorCode.UNSUPPORTED_VERSION, ErrorCode.REPLACED_BY_NEW_CONNECTION);

    private final URI uri;
    private final String token;
    private final Class<M> family;
    private final SignalingListener<M> listener;
    private final SSLContext tls;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ScheduledExecutorService thread;
    private volatile Thread clientThread;

    // Confined to the client's thread.
    private ClientManager container;

    /**
     * Tyrus sends an {@code Origin} header made from the socket's own address, as if it were a web page. The server
     * checks origins to keep other web sites' pages out; on the production layout's WebSocket port it accepts only the
     * patient page's origin, which a desktop program has not. Programs send none, like the JDK's WebSocket client.
     */
    private static final ClientEndpointConfig.Configurator WITHOUT_ORIGIN = new ClientEndpointConfig.Configurator() {
        @Override
        public void beforeRequest(java.util.Map<String, java.util.List<String>> headers) {
            headers.keySet().removeIf(name -> name.equalsIgnoreCase("Origin"));
        }
    };
    private Session session;
    private volatile SignalingState state = SignalingState.CLOSED;
    private boolean closed;
    private boolean gaveUp;
    private boolean everRegistered;
    private long lastReceivedNanos;
    private ScheduledFuture<?> reconnect;
    private ScheduledFuture<?> watchdog;

    /**
     * A client for one socket; nothing happens before {@link #connect()}.
     *
     * @param uri      the socket, e.g. {@code ws://host/ws/appointments/42} or {@code wss://host/ws/lobby}
     * @param token    sent in {@code register}
     * @param tls      trust for {@code wss://}, or null for the JDK default; ignored for plain {@code ws://}
     * @param family   {@code RoomMessage.class} for a room socket, {@code LobbyMessage.class} for the lobby
     * @param listener receives messages and state changes on the client's thread
     */
    public SignalingClient(URI uri, String token, SSLContext tls, Class<M> family, SignalingListener<M> listener) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.token = Objects.requireNonNull(token, "token");
        this.family = Objects.requireNonNull(family, "family");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.tls = tls;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "carecall-signaling " + uri.getPath());
            t.setDaemon(true);
            clientThread = t;
            return t;
        });
    }

    /** The room socket of an appointment below a {@code ws://host:port} base. */
    public static URI roomUri(URI webSocketBaseUri, long appointmentId) {
        return webSocketBaseUri.resolve("/ws/appointments/" + appointmentId);
    }

    /** The doctor's lobby socket below a {@code ws://host:port} base. */
    public static URI lobbyUri(URI webSocketBaseUri) {
        return webSocketBaseUri.resolve("/ws/lobby");
    }

    /** Opens the socket and registers, in the background. Calling it again while connected does nothing. */
    public void connect() {
        submit(() -> {
            if (closed || session != null) {
                return;
            }
            gaveUp = false;
            setState(everRegistered ? SignalingState.RECONNECTING : SignalingState.CONNECTING);
            attempt();
        });
    }

    /**
     * Sends a message in the background, after everything sent before. Returns false when the socket is not
     * registered right now: the message is dropped, since a stale signal after a reconnect would only confuse.
     */
    public boolean send(ClientMessage message) {
        String text = codec.encode(message);
        if (state != SignalingState.CONNECTED) {
            return false;
        }
        submit(() -> sendNow(text));
        return true;
    }

    /** The state as last reported. */
    public SignalingState state() {
        return state;
    }

    /** Closes the socket for good; no more reconnects. */
    @Override
    public void close() {
        submit(() -> {
            closed = true;
            cancelTimers();
            Session s = session;
            session = null;
            if (s != null) {
                try {
                    s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "close of signaling socket failed", e);
                }
            }
            if (container != null) {
                container.shutdown();
                container = null;
            }
            setState(SignalingState.CLOSED);
        });
        thread.shutdown();
        if (Thread.currentThread() == clientThread) {
            return; // closed by the listener: the close above runs as soon as it returns
        }
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void attempt() {
        if (closed || gaveUp || session != null) {
            return;
        }
        try {
            if (container == null) {
                container = ClientManager.createClient();
                // Only wss:// speaks TLS: handing Tyrus an SSL configurator for ws:// would turn the plain
                // connection into a TLS handshake that a plain server never answers.
                if (tls != null && "wss".equalsIgnoreCase(uri.getScheme())) {
                    container.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
                            new SslEngineConfigurator(tls, true, false, false));
                }
                container.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, 10_000);
            }
            session = container.connectToServer(new Socket(), ClientEndpointConfig.Builder.create()
                    .configurator(WITHOUT_ORIGIN).build(), uri);
            if (!session.isOpen()) {
                session = null;
                scheduleReconnect();
            }
        } catch (Exception e) {
            LOG.log(Level.INFO, () -> "cannot reach " + uri + " (" + e + "); retrying in "
                    + RECONNECT_DELAY.toSeconds() + " s");
            session = null;
            scheduleReconnect();
        }
    }

    /** Tyrus calls the endpoint on its own threads; each callback is handed to the client's thread. */
    private final class Socket extends Endpoint {
        @Override
        public void onOpen(Session opened, EndpointConfig config) {
            opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> submit(() -> {
                if (session == opened) {
                    received(text);
                }
            }));
            submit(() -> {
                if (closed) {
                    return;
                }
                lastReceivedNanos = System.nanoTime();
                sendNow(codec.encode(new ClientMessage.Register(token)));
                startWatchdog();
            });
        }

        @Override
        public void onClose(Session which, CloseReason reason) {
            submit(() -> dropped(which, reason.getCloseCode().getCode() + " " + reason.getReasonPhrase()));
        }

        @Override
        public void onError(Session which, Throwable error) {
            submit(() -> dropped(which, String.valueOf(error)));
        }
    }

    private void received(String text) {
        lastReceivedNanos = System.nanoTime();
        M message;
        try {
            message = codec.decodeServer(text, family);
        } catch (ProtocolException e) {
            LOG.log(Level.WARNING, "ignoring a server message this client cannot read: " + e.getMessage());
            return;
        }
        if (message instanceof ServerMessage.Registered) {
            everRegistered = true;
            setState(SignalingState.CONNECTED);
        } else if (message instanceof ServerMessage.Error error && FINAL_ERRORS.contains(error.code())) {
            LOG.warning(() -> "server refused " + uri + ": " + error.code() + " " + error.message());
            gaveUp = true;
        }
        deliver(message);
    }

    private void dropped(Session which, String why) {
        if (which != session) {
            return;
        }
        session = null;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        if (closed) {
            return;
        }
        if (gaveUp) {
            LOG.info(() -> "signaling " + uri + " closed for good: " + why);
            setState(SignalingState.CLOSED);
            return;
        }
        LOG.info(() -> "signaling " + uri + " dropped (" + why + "); reconnecting every "
                + RECONNECT_DELAY.toSeconds() + " s");
        setState(SignalingState.RECONNECTING);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed || gaveUp) {
            return;
        }
        if (state == SignalingState.CONNECTED) {
            setState(SignalingState.RECONNECTING);
        }
        if (reconnect == null || reconnect.isDone()) {
            reconnect = thread.schedule(this::retry, RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A scheduled attempt. Its own future is not done while it runs, so it forgets it first: a failed attempt must
     * be able to schedule the next one, or a server down for longer than one delay would never be tried again.
     */
    private void retry() {
        reconnect = null;
        attempt();
    }

    private void startWatchdog() {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        long period = IDLE_PING.toMillis();
        watchdog = thread.scheduleAtFixedRate(() -> {
            Session s = session;
            if (s == null) {
                return;
            }
            long silentFor = System.nanoTime() - lastReceivedNanos;
            if (silentFor > DEAD_AFTER.toNanos()) {
                LOG.info(() -> "signaling " + uri + " silent for " + Duration.ofNanos(silentFor).toSeconds()
                        + " s; reconnecting");
                try {
                    s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no answer"));
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "close of a dead socket failed", e);
                }
                dropped(s, "no answer");
            } else if (silentFor > IDLE_PING.toNanos() && state == SignalingState.CONNECTED) {
                sendNow(codec.encode(new ClientMessage.Ping("keepalive")));
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    private void sendNow(String text) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        try {
            s.getBasicRemote().sendText(text);
        } catch (IOException | RuntimeException e) {
            // The close callback follows and starts reconnecting; the message is lost like any on a dropped socket.
            LOG.log(Level.INFO, "send on " + uri + " failed", e);
        }
    }

    private void setState(SignalingState next) {
        if (state == next) {
            return;
        }
        state = next;
        try {
            listener.stateChanged(next);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "signaling listener failed", e);
        }
    }

    private void deliver(M message) {
        try {
            listener.messageReceived(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "signaling listener failed on " + message.getClass().getSimpleName(), e);
        }
    }

    private void cancelTimers() {
        if (reconnect != null) {
            reconnect.cancel(false);
        }
        if (watchdog != null) {
            watchdog.cancel(false);
        }
    }

    private void submit(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "signaling task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.FINE, "signaling client already closed", e);
        }
    }
}
