package dev.carecall.console.signaling;

import dev.carecall.backend.CareCallServer;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.LobbyMessage;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.RoomMessage;
import dev.carecall.protocol.ServerMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signaling client against the real backend: register, lobby, refusal, and reconnect after a cut. */
class SignalingClientIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static CareCallServer server;

    @BeforeAll
    static void start() {
        server = CareCallServer.startForTests();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void registersInTheRoomAndRelaysMessagesInOrder() throws Exception {
        long appointment = server.createAppointment("demo-doctor", "Signal Patient", Instant.now(), true);
        Events<RoomMessage> doctor = new Events<>();
        Events<RoomMessage> patient = new Events<>();
        try (var d = new SignalingClient<>(SignalingClient.roomUri(server.webSocketBaseUri(), appointment),
                server.doctorToken("demo-doctor"), null, RoomMessage.class, doctor);
             var p = new SignalingClient<>(SignalingClient.roomUri(server.webSocketBaseUri(), appointment),
                     server.patientToken(appointment), null, RoomMessage.class, patient)) {
            d.connect();
            p.connect();
            await("both registered").atMost(WAIT).until(() -> d.state() == SignalingState.CONNECTED
                    && p.state() == SignalingState.CONNECTED);
            ServerMessage.Registered registered = (ServerMessage.Registered) doctor.messages.getFirst();
            assertEquals(Role.DOCTOR, registered.role());
            for (int i = 0; i < 20; i++) {
                assertTrue(d.send(new ClientMessage.Chat("line " + i)));
            }
            await("all lines at the patient").atMost(WAIT)
                    .until(() -> patient.of(ServerMessage.Chat.class).size() == 20);
            List<String> lines = patient.of(ServerMessage.Chat.class).stream().map(ServerMessage.Chat::text).toList();
            assertEquals("line 0", lines.getFirst());
            assertEquals("line 19", lines.getLast(), "sends keep their order");
        }
    }

    @Test
    void doctorsLobbyReportsCallStatusChanges() throws Exception {
        long appointment = server.createAppointment("demo-doctor", "Lobby Patient", Instant.now(), true);
        Events<LobbyMessage> lobby = new Events<>();
        Events<RoomMessage> patient = new Events<>();
        try (var l = new SignalingClient<>(SignalingClient.lobbyUri(server.webSocketBaseUri()),
                server.doctorToken("demo-doctor"), null, LobbyMessage.class, lobby);
             var p = new SignalingClient<>(SignalingClient.roomUri(server.webSocketBaseUri(), appointment),
                     server.patientToken(appointment), null, RoomMessage.class, patient)) {
            l.connect();
            p.connect();
            await("both registered").atMost(WAIT).until(() -> l.state() == SignalingState.CONNECTED
                    && p.state() == SignalingState.CONNECTED);
            p.send(new ClientMessage.StartCall());
            await("the lobby hears the patient started").atMost(WAIT)
                    .until(() -> lobby.of(ServerMessage.CallStatusChanged.class)
                    .stream().anyMatch(c -> c.appointmentId() == appointment && c.startedBy() == Role.PATIENT));
        }
    }

    @Test
    void aTlsSettingDoesNotTurnPlainWsIntoATlsHandshake() throws Exception {
        // The console hands every socket the REST client's TLS trust; for ws:// it must be left unused.
        long appointment = server.createAppointment("demo-doctor", "Plain Patient", Instant.now(), true);
        Events<RoomMessage> events = new Events<>();
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, null, null);
        try (var client = new SignalingClient<>(
                SignalingClient.roomUri(server.webSocketBaseUri(), appointment), server.doctorToken("demo-doctor"),
                tls, RoomMessage.class, events)) {
            client.connect();
            await("registered over plain ws://").atMost(WAIT).until(() -> client.state() == SignalingState.CONNECTED);
            assertInstanceOf(ServerMessage.Registered.class, events.messages.getFirst());
        }
    }

    @Test
    void aRefusedTokenIsReportedAndNotRetried() throws Exception {
        long appointment = server.createAppointment("demo-doctor", "Refused Patient", Instant.now(), true);
        long other = server.createAppointment("demo-doctor", "Other Patient", Instant.now(), true);
        Events<RoomMessage> events = new Events<>();
        try (var client = new SignalingClient<>(
                SignalingClient.roomUri(server.webSocketBaseUri(), appointment), server.patientToken(other), null,
                RoomMessage.class, events)) {
            client.connect();
            await("closed for good").atMost(WAIT).until(() -> events.states.contains(SignalingState.CLOSED));
            ServerMessage.Error error = assertInstanceOf(ServerMessage.Error.class, events.messages.getFirst());
            assertEquals(ErrorCode.WRONG_APPOINTMENT, error.code());
            assertFalse(events.states.contains(SignalingState.RECONNECTING), "no retry with a refused token");
        }
    }

    @Test
    void reconnectsAndRegistersAgainAfterTheConnectionIsCut() throws Exception {
        long appointment = server.createAppointment("demo-doctor", "Cut Patient", Instant.now(), true);
        Events<RoomMessage> events = new Events<>();
        try (TcpRelay relay = new TcpRelay(server.webSocketBaseUri());
             var client = new SignalingClient<>(SignalingClient.roomUri(relay.uri("ws"), appointment),
                     server.doctorToken("demo-doctor"), null, RoomMessage.class, events)) {
            client.connect();
            await("registered").atMost(WAIT).until(() -> client.state() == SignalingState.CONNECTED);
            long cutAt = System.nanoTime();
            relay.cutAll();
            await("reconnecting").atMost(WAIT).until(() -> events.states.contains(SignalingState.RECONNECTING));
            assertFalse(client.send(new ClientMessage.Chat("lost")), "nothing is sent while dropped");
            await("registered again").atMost(WAIT).until(() -> events.of(ServerMessage.Registered.class).size() == 2
                    && client.state() == SignalingState.CONNECTED);
            long seconds = Duration.ofNanos(System.nanoTime() - cutAt).toMillis();
            System.out.printf("signaling: re-registered %d ms after the cut (retry delay %d s)%n", seconds,
                    SignalingClient.RECONNECT_DELAY.toSeconds());
            assertEquals(List.of(SignalingState.CONNECTING, SignalingState.CONNECTED, SignalingState.RECONNECTING,
                    SignalingState.CONNECTED), events.states);
        }
    }

    /** A backend that is down for several retry periods (killed and restarting): the client keeps trying. */
    @Test
    void keepsRetryingWhileTheServerStaysDown() throws Exception {
        long appointment = server.createAppointment("demo-doctor", "Down Patient", Instant.now(), true);
        Events<RoomMessage> events = new Events<>();
        try (TcpRelay relay = new TcpRelay(server.webSocketBaseUri());
             var client = new SignalingClient<>(SignalingClient.roomUri(relay.uri("ws"), appointment),
                     server.doctorToken("demo-doctor"), null, RoomMessage.class, events)) {
            client.connect();
            await("registered").atMost(WAIT).until(() -> client.state() == SignalingState.CONNECTED);
            relay.refuse(true);
            relay.cutAll();
            // Before, the first failed retry scheduled no other one. Each refused attempt here lasts until Tyrus's
            // handshake timeout (10 s): the relay accepts and closes, where a dead server refuses at once.
            await("a second refused attempt").atMost(WAIT.multipliedBy(4)).until(() -> relay.refused() >= 2);
            assertEquals(SignalingState.RECONNECTING, client.state());
            relay.refuse(false);
            // An attempt the relay took while refusing may still wait out its handshake timeout before the next.
            await("registered again").atMost(WAIT.multipliedBy(3)).until(() -> events.of(ServerMessage.Registered.class).size() == 2
                    && client.state() == SignalingState.CONNECTED);
            System.out.printf("signaling: registered again after %d refused attempts%n", relay.refused());
        }
    }

    private static final class Events<M extends ServerMessage> implements SignalingListener<M> {
        final List<M> messages = new CopyOnWriteArrayList<>();
        final List<SignalingState> states = new CopyOnWriteArrayList<>();

        @Override
        public void messageReceived(M message) {
            messages.add(message);
        }

        @Override
        public void stateChanged(SignalingState state) {
            states.add(state);
        }

        <T> List<T> of(Class<T> type) {
            return messages.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
