package dev.carecall.e2e;

import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.call.CallPhase;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.e2e.topology.ConsoleMachine;
import dev.carecall.e2e.topology.FreePorts;
import dev.carecall.e2e.topology.Nginx;
import dev.carecall.e2e.topology.ProductionBackend;
import dev.carecall.e2e.topology.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's proxy layout with a real nginx in front, started from the shipped {@code deploy/nginx/carecall.conf}:
 * the backend speaks plain HTTP on one port ({@code carecall.tls.enabled=false}, {@code carecall.websocket.port=0}),
 * nginx gives it one public HTTPS origin and passes the WebSocket upgrades. The page and the console's engine join a
 * call through it, and the console's connection check passes through it.
 */
class ProxyLayoutIT {
    @TempDir
    static Path dir;
    private static Nginx nginx;
    private static ProductionBackend backend;
    private static ConsoleMachine console;
    private static TestCa ca;

    @BeforeAll
    static void start() {
        ca = TestCa.create(dir.resolve("ca"));
        int backendPort = FreePorts.tcp();
        nginx = Nginx.start(dir.resolve("nginx"), ca, backendPort);
        backend = ProductionBackend.start(dir.resolve("backend"),
                ProductionBackend.Layout.behindProxy(nginx.origin(), backendPort), ca, null, null);
        console = new ConsoleMachine(dir.resolve("console"), nginx.origin(), ca.caFile(), false);
    }

    @AfterAll
    static void stop() {
        try {
            if (backend != null) {
                backend.close();
            }
        } finally {
            if (nginx != null) {
                nginx.close();
            }
        }
    }

    @Test
    void pageAndConsoleJoinACallThroughTheProxysOneHttpsOrigin() {
        assertEquals("http", backend.baseUri().getScheme(), "the backend itself speaks plain HTTP");
        long id = backend.newAppointment("Lena Fischer");
        DoctorSession session = console.signIn(ProductionBackend.DOCTOR, ProductionBackend.DOCTOR_PASSWORD);
        assertEquals("wss://127.0.0.1:" + nginx.port(), session.server().websocketUrl(),
                "/api/info announces the proxy's public WebSocket address");
        String joinUrl = backend.patientJoinUrl(id);
        assertTrue(joinUrl.startsWith(nginx.origin() + "/join/" + id), joinUrl);
        try (PatientBrowser page = Browser.CHROMIUM.launch(BrowserOptions.desktop().trusting(ca.spkiHash()));
             DoctorSide doctor = new DoctorSide(console.callSettings(session, id))) {
            page.open(joinUrl);
            doctor.awaitPhase(CallPhase.READY);
            doctor.engine.startCall();
            assertEquals("Join Call", page.until(() -> "Join Call".equals(page.enabledPrimary())
                    ? "Join Call" : null));
            page.click("primary-action");
            Consultation.awaitMediaBothWays(page, doctor, "behind nginx");
            page.screenshot("call-behind-proxy");
            doctor.engine.endCall();
            page.visibleText("notice-title");
        }
        assertTrue(nginx.accessLog().contains("\"GET /ws/appointments/" + id + " HTTP/1.1\" 101"),
                "nginx passed both parties' WebSocket upgrades:\n" + nginx.accessLog());

        ConsoleMachine.CheckRun check = console.check(ProductionBackend.DOCTOR, ProductionBackend.DOCTOR_PASSWORD);
        System.out.println(check.output());
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("[ ok ] WebSocket works at wss://127.0.0.1:" + nginx.port() + "/ws/lobby"),
                check.output());
    }
}
