package dev.carecall.console.api;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.api.ApiException.Problem;
import dev.carecall.console.config.TlsTrust;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.rest.AppointmentView;
import dev.carecall.protocol.rest.LoginResponse;
import dev.carecall.protocol.rest.ServerInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's REST client against the real backend. */
class CareCallApiIT {
    private static final SSLContext TLS = TlsTrust.sslContext(Optional.empty());
    private static CareCallServer server;
    private static CareCallApi api;

    @BeforeAll
    static void start() {
        server = CareCallServer.startForTests();
        api = new CareCallApi(server.baseUri(), TLS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void infoNamesTheProductAndTheWebSocketBase() {
        ServerInfo info = api.info();
        assertEquals("CareCall", info.product());
        assertEquals(1, info.protocolVersion());
        assertEquals(server.webSocketBaseUri(), URI.create(info.websocketUrl()));
    }

    @Test
    void wrongPasswordIsRejectedWithItsCode() {
        ApiException e = assertThrows(ApiException.class, () -> api.login("demo-doctor", "wrong"));
        assertEquals(Problem.REJECTED, e.problem());
        assertEquals(ErrorCode.INVALID_CREDENTIALS, e.code());
    }

    @Test
    void signedInDoctorSeesOwnAppointmentsWithJoinLinks() {
        LoginResponse login = api.login("demo-doctor", "demo-password");
        List<AppointmentView> appointments = api.appointments(login.token());
        List<Long> ids = appointments.stream().map(AppointmentView::id).toList();
        assertTrue(ids.contains(server.demo().paidAppointmentId()));
        assertTrue(ids.contains(server.demo().unpaidAppointmentId()));
        assertFalse(ids.contains(server.demo().otherDoctorAppointmentId()));
        appointments.forEach(view -> assertNotNull(view.joinUrl(), "join link of " + view.id()));
        assertEquals(CallStatus.INACTIVE, api.callStatus(server.demo().paidAppointmentId(), login.token())
                .callStatus());
    }

    @Test
    void aBadTokenCountsAsAnExpiredSession() {
        ApiException e = assertThrows(ApiException.class, () -> api.appointments("not-a-token"));
        assertTrue(e.sessionExpired(), e.getMessage());
    }

    @Test
    void nothingListeningIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ApiException e = assertThrows(ApiException.class,
                () -> new CareCallApi(URI.create("http://127.0.0.1:" + port), TLS).info());
        assertEquals(Problem.UNREACHABLE, e.problem());
    }

    @Test
    void httpsToAPlainHttpServerIsNotTakenForCareCall() {
        URI https = URI.create("https://127.0.0.1:" + server.baseUri().getPort());
        ApiException e = assertThrows(ApiException.class, () -> new CareCallApi(https, TLS).info());
        assertEquals(Problem.NOT_CARECALL, e.problem(), e.getMessage());
    }
}
