package dev.carecall.backend;

import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A test's WebSocket client (the JDK's): collects what the server sends, in order, and waits for it with short
 * timeouts instead of sleeping.
 */
final class SocketClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private final LinkedBlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final Semaphore pings = new Semaphore(0);
    private final WebSocket socket;

    private SocketClient(URI uri, HttpClient http, String origin) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        this.socket = builder.buildAsync(uri, new Listener()).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private SocketClient(URI uri, HttpClient http) {
        this(uri, http, null);
    }

    /** Connects as a browser page of this origin would (the upgrade carries {@code Origin}). */
    static SocketClient connect(URI uri, HttpClient http, String origin) {
        return new SocketClient(uri, http, origin);
    }

    static SocketClient connect(URI uri) {
        return new SocketClient(uri, HttpClient.newHttpClient());
    }

    /** Connects through this client (e.g. one that trusts a test certificate). */
    static SocketClient connect(URI uri, HttpClient http) {
        return new SocketClient(uri, http);
    }

    /** Opens the appointment's room and registers with the token; returns once {@code registered} arrived. */
    static SocketClient room(CareCallServer server, long appointmentId, String token) {
        SocketClient client = connect(server.webSocketBaseUri().resolve("/ws/appointments/" + appointmentId));
        client.send(new ClientMessage.Register(token));
        client.expect(ServerMessage.Registered.class);
        return client;
    }

    void send(ClientMessage message) {
        sendText(CODEC.encode(message));
    }

    void sendText(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The next message, which must be of this type. */
    <T extends ServerMessage> T expect(Class<T> type) {
        ServerMessage next = next();
        if (!type.isInstance(next)) {
            fail("expected " + type.getSimpleName() + " but got " + next);
        }
        return type.cast(next);
    }

    /** The next message that has this type, skipping others (e.g. presence notices). */
    <T extends ServerMessage> T await(Class<T> type) {
        List<ServerMessage> skipped = new ArrayList<>();
        while (true) {
            ServerMessage next = next();
            if (type.isInstance(next)) {
                return type.cast(next);
            }
            skipped.add(next);
            if (skipped.size() > 50) {
                fail("no " + type.getSimpleName() + " among " + skipped);
            }
        }
    }

    ServerMessage next() {
        try {
            ServerMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(message, "nothing arrived within " + WAIT);
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Whatever arrived and was not read yet, without waiting. */
    List<ServerMessage> pending() {
        List<ServerMessage> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    /** The next message, or null if none arrives within this time. */
    ServerMessage poll(Duration within) {
        try {
            return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The close code, or -1 if the server has not closed within the wait. */
    int closeCodeWithin(Duration wait) {
        try {
            return closeCode.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Proves nothing else is pending: a ping's pong is the very next message. */
    void assertNothingElseThenPong() {
        send(new ClientMessage.Ping("probe"));
        ServerMessage next = next();
        assertEquals(new ServerMessage.Pong("probe"), next, "an unexpected message arrived first");
    }

    /** Waits until the server has pinged this many more times (the JDK answers each with a pong by itself). */
    void awaitPings(int count) {
        try {
            assertTrue(pings.tryAcquire(count, WAIT.toMillis(), TimeUnit.MILLISECONDS), "no " + count + " pings");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The close code the server sent. */
    int awaitClose() {
        return closeCode.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(CODEC.decodeServer(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
            pings.release();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
