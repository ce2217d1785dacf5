package dev.carecall.e2e;

import dev.carecall.backend.BackendSettings;
import dev.carecall.backend.CareCallServer;
import dev.carecall.backend.ServerSettings;
import dev.carecall.backend.ice.IceSettings;
import dev.carecall.backend.storage.DatabaseSettings;
import dev.carecall.console.call.CallPhase;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.NetworkNamespace;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.e2e.topology.Coturn;
import dev.carecall.e2e.topology.TestCa;
import dev.carecall.protocol.IceServer;
import org.awaitility.Awaitility;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.carecall.e2e.Consultation.awaitMediaBothWays;

/**
 * A patient behind a home router's NAT, for the tests that then change the patient's network: Chromium runs in a
 * network namespace of the test's own whose traffic reaches this machine only through a NAT (see
 * {@link NetworkNamespace#behindNat}); the backend (the production layout's two ports, an in-memory database) and a
 * STUN server (a real coturn) listen on the router's side, and the console's call engine runs on this machine. Only
 * the page itself is loaded past the link (so it stays a secure context and the test can reload it); its WebSocket,
 * STUN and media all cross it. One per test class; {@link #close()} removes everything made outside the namespace,
 * also after a failed start.
 */
final class BehindNat implements AutoCloseable {
    final NetworkNamespace network;
    final NetworkNamespace.Nat nat;
    final CareCallServer server;
    final PatientBrowser page;
    private final Coturn coturn;
    private final String databaseUrl;

    private BehindNat(NetworkNamespace network, NetworkNamespace.Nat nat, Coturn coturn, CareCallServer server,
                      String databaseUrl, PatientBrowser page) {
        this.network = network;
        this.nat = nat;
        this.coturn = coturn;
        this.server = server;
        this.databaseUrl = databaseUrl;
        this.page = page;
    }

    /**
     * Starts it all in the namespace {@code namespace} with the private network 192.168.{subnet}.0/24 (two classes
     * running at once need different ones); {@code dir} holds coturn's and the test CA's files.
     */
    static BehindNat start(String namespace, int subnet, Path dir) {
        NetworkNamespace network = NetworkNamespace.named(namespace);
        Coturn coturn = null;
        CareCallServer server = null;
        try {
            NetworkNamespace.Nat nat = network.behindNat(subnet);
            coturn = Coturn.start(dir.resolve("coturn"), TestCa.create(dir.resolve("ca")),
                    new Coturn.Network(List.of(nat.gateway()), nat.gateway(), null, false));
            int port = NetworkNamespace.freePort();
            int webSocketPort = NetworkNamespace.freePort();
            String databaseUrl = "jdbc:h2:mem:" + namespace + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            // The production layout's two ports: the page's origin (loaded past the link) is the one the WebSocket's
            // own port accepts, and the WebSocket is reached across the NAT.
            server = CareCallServer.start(BackendSettings.forTests().with(
                    new ServerSettings(nat.gateway(), port, webSocketPort, URI.create("http://127.0.0.1:" + port),
                            URI.create("ws://" + nat.gateway() + ":" + webSocketPort), List.of()),
                    new DatabaseSettings(databaseUrl, "sa", ""),
                    new IceSettings(List.of(new IceServer(List.of(coturn.stunUrl()), null, null)), null)));
            network.forwardIn(port, nat.gateway());
            PatientBrowser page = Browser.CHROMIUM.launch(BrowserOptions.desktop().inNamespace(network));
            return new BehindNat(network, nat, coturn, server, databaseUrl, page);
        } catch (RuntimeException | Error e) {
            new BehindNat(network, null, coturn, server, null, null).close();
            throw e;
        }
    }

    /**
     * The patient starts, the doctor joins, media flows both ways across the NAT. Waits up to {@code wait} for what
     * takes longer across the NAT on a loaded machine than the shared helpers wait: the pre-call check opening the
     * fake camera, and the first connection.
     */
    Consultation.Figures connect(long appointmentId, DoctorSide doctor, Duration wait, String label) {
        page.open(server.patientJoinUrl(appointmentId).replace(nat.gateway(), "127.0.0.1"));
        Awaitility.await("Start Call enabled").atMost(wait).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(page::enabledPrimary, "Start Call"::equals);
        page.click("primary-action");
        doctor.awaitPhase(CallPhase.INCOMING);
        doctor.engine.joinCall();
        Awaitility.await("the page's media to connect").atMost(wait).pollInterval(Duration.ofMillis(200))
                .until(() -> "connected".equals(page.state().get("media")));
        return awaitMediaBothWays(page, doctor, label);
    }

    /** The backend's database, to read what it stored (not the room's memory). */
    Connection database() throws SQLException {
        return DriverManager.getConnection(databaseUrl, "sa", "");
    }

    @Override
    public void close() {
        // Each in its own try: one failing clean-up must not leave the others' parts running.
        try {
            if (page != null) {
                page.close();
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                try {
                    if (coturn != null) {
                        coturn.close();
                    }
                } finally {
                    network.close();
                }
            }
        }
    }
}
