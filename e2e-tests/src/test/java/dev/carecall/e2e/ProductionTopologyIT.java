package dev.carecall.e2e;

import dev.carecall.backend.ice.TurnCredentials;
import dev.carecall.console.api.CareCallApi;
import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallProblem;
import dev.carecall.console.check.CheckResult;
import dev.carecall.console.check.CheckStep;
import dev.carecall.console.check.ConnectivityCheck;
import dev.carecall.console.config.TlsTrust;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.e2e.topology.ConsoleMachine;
import dev.carecall.e2e.topology.Coturn;
import dev.carecall.e2e.topology.ProductionBackend;
import dev.carecall.e2e.topology.TestCa;
import dev.carecall.protocol.IceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default production layout with every part real and started here: the backend without {@code --demo} (HTTPS and
 * WSS on two ports, a certificate of the test's own CA, PostgreSQL), a real coturn with time-limited credentials, the
 * patient page in Chromium trusting the CA by its key only, and the console (call engine, sign-in, {@code --check})
 * trusting it through {@code tls.caCertificate}. Both sides use TURN relays only, so the call proves the relay path.
 * The tests run in order: the last two break coturn on purpose (another secret, then stopped).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionTopologyIT {
    @TempDir
    static Path dir;
    private static TestCa ca;
    private static Coturn coturn;
    private static ProductionBackend backend;
    private static ConsoleMachine console;

    @BeforeAll
    static void startTopology() {
        ca = TestCa.create(dir.resolve("ca"));
        coturn = Coturn.start(dir.resolve("coturn"), ca);
        backend = ProductionBackend.start(dir.resolve("backend"), ProductionBackend.Layout.twoPorts(), ca, coturn,
                coturn.secret());
        console = new ConsoleMachine(dir.resolve("console"), backend.baseUri().toString(), ca.caFile(), true);
    }

    @AfterAll
    static void stopTopology() {
        try {
            if (backend != null) {
                backend.close();
            }
        } finally {
            if (coturn != null) {
                coturn.close();
            }
        }
    }

    @Test
    @Order(1)
    void itsConnectionCheckPassesEveryStepAndNamesTheClinicCa() {
        long start = System.nanoTime();
        ConsoleMachine.CheckRun run = console.check(ProductionBackend.DOCTOR, ProductionBackend.DOCTOR_PASSWORD);
        System.out.println(run.output());
        System.out.printf("[check] every step against the production topology in %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        assertEquals(0, run.exitCode(), run.output());
        List<String> lines = run.output().lines().toList();
        assertEquals(11, lines.size(), "heading, nine steps, summary: " + run.output());
        assertTrue(lines.subList(1, 10).stream().allMatch(l -> l.startsWith("[ ok ] ")), run.output());
        assertTrue(run.output().contains("its certificate is trusted (issued by " + ca.caName() + ")"), run.output());
        assertTrue(run.output().contains("WebSocket works at " + backend.webSocketBaseUri() + "/ws/lobby"),
                "the WebSocket on its own port, as /api/info announces it: " + run.output());
        assertTrue(run.output().contains("this computer's public address is 127.0.0.1:"), run.output());
        assertTrue(run.output().contains("TURN over TLS works at 127.0.0.1:" + coturn.tlsPort() + " TLS"),
                run.output());
        assertTrue(run.output().contains("Media through the relay works: "), run.output());
        assertTrue(coturn.log().contains("doctor-lobby-"), "coturn logged the check's allocations:\n" + coturn.log());
    }

    @Test
    @Order(2)
    void pageAndEngineCallThroughTurnRelaysOnly() {
        long id = backend.newAppointment("Jonas Weber");
        DoctorSession session = console.signIn(ProductionBackend.DOCTOR, ProductionBackend.DOCTOR_PASSWORD);
        assertEquals(backend.webSocketBaseUri().toString(), session.server().websocketUrl());
        assertNotEquals(backend.baseUri().getPort(), session.webSocketBaseUri().getPort(),
                "production: the WebSocket has a port of its own");
        try (PatientBrowser page = Browser.CHROMIUM.launch(BrowserOptions.desktop().trusting(ca.spkiHash()));
             DoctorSide doctor = new DoctorSide(console.callSettings(session, id))) {
            patientStartsDoctorJoinsRelayOnly(page, doctor, id);
            Consultation.Figures figures = Consultation.awaitMediaBothWays(page, doctor, "relay only, two-port production");
            Map<String, Object> pageStats = figures.page();
            assertEquals("relay", pageStats.get("localCandidateType"), "page: " + pageStats);
            assertEquals("relay", pageStats.get("remoteCandidateType"), "page: " + pageStats);
            assertEquals("relay", figures.engine().localCandidateType(), "engine: " + figures.engine());
            assertEquals("relay", figures.engine().remoteCandidateType(), "engine: " + figures.engine());
            page.screenshot("call-relay-production");
            doctor.engine.endCall();
            page.visibleText("notice-title");
        }
        String log = coturn.log();
        assertTrue(log.contains(":patient-" + id) && log.contains(":doctor-" + id),
                "coturn allocated relays for both parties with their minted users:\n" + log);
    }

    private static void patientStartsDoctorJoinsRelayOnly(PatientBrowser page, DoctorSide doctor, long id) {
        page.forceRelay();
        page.open(backend.patientJoinUrl(id));
        assertEquals("Start Call", page.until(page::enabledPrimary));
        page.click("primary-action");
        doctor.awaitPhase(CallPhase.INCOMING);
        doctor.engine.joinCall();
    }

    @Test
    @Order(3)
    void anExpiredCredentialIsRefusedByCoturn() {
        String expired = (Instant.now().getEpochSecond() - 60) + ":patient-1";
        IceServer turn = new IceServer(List.of("turn:" + coturn.host() + ":" + coturn.port() + "?transport=udp"),
                expired, TurnCredentials.password(coturn.secret(), expired));
        CareCallApi api = new CareCallApi(backend.baseUri(), TlsTrust.sslContext(Optional.of(ca.caFile())));
        List<CheckResult> results = new ConnectivityCheck(api).checkIceServers(List.of(turn), r -> { });
        CheckResult udp = results.stream().filter(r -> r.step() == CheckStep.TURN_UDP).findFirst().orElseThrow();
        assertEquals(CheckResult.Problem.CREDENTIAL_REFUSED, udp.problem(), String.valueOf(udp));
    }

    @Test
    @Order(4)
    void withAWrongTurnSecretBothSidesSayTheCallCannotConnect() {
        // coturn now has another secret than the backend: every credential the backend mints is refused (401).
        coturn.restartWithSecret("another-secret-" + System.nanoTime());
        long id = backend.newAppointment("Clara Nowak");
        DoctorSession session = console.signIn(ProductionBackend.DOCTOR, ProductionBackend.DOCTOR_PASSWORD);
        try (PatientBrowser page = Browser.CHROMIUM.launch(BrowserOptions.phone().trusting(ca.spkiHash()));
             DoctorSide doctor = new DoctorSide(console.callSettings(session, id))) {
            patientStartsDoctorJoinsRelayOnly(page, doctor, id);
            page.until(() -> "unreachable".equals(page.state().get("media")));
            assertTrue(page.visibleText("call-banner").startsWith("The call cannot connect"),
                    page.visibleText("call-banner"));
            page.screenshot("call-cannot-connect");
            doctor.awaitPhase(CallPhase.FAILED);
            assertInstanceOf(CallProblem.Unreachable.class, doctor.lastProblem(), String.valueOf(doctor.lastProblem()));
        }
        assertTrue(coturn.log().contains("401"), "coturn refused the credential:\n" + coturn.log());
    }

    @Test
    @Order(5)
    void theCheckFailsWithALineForItWhenTurnIsStopped() {
        coturn.stop();
        ConsoleMachine.CheckRun run = console.check(ProductionBackend.DOCTOR, ProductionBackend.DOCTOR_PASSWORD);
        System.out.println(run.output());
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("[FAIL] TURN over UDP at 127.0.0.1:" + coturn.port() + " UDP does not "
                + "answer. Open 127.0.0.1:" + coturn.port() + " UDP (outgoing) on the firewall, and check that the "
                + "TURN server runs."), run.output());
        assertTrue(run.output().contains("[ ok ] WebSocket works"), "what still works says so: " + run.output());
        assertTrue(run.output().lines().toList().getLast().contains("checks failed"), run.output());
    }
}
