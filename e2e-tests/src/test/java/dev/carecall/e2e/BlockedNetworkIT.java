package dev.carecall.e2e;

import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.NetworkNamespace;
import dev.carecall.e2e.browser.PatientBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A patient behind a network that lets web pages through but not WebSockets (a firewall or proxy that drops them):
 * the browser runs in a network namespace of the test's own where nftables drops every WebSocket handshake to the
 * backend. The page loads, and the pre-call check says in plain words, before Start, that the call cannot work and
 * what to do. The namespace and its rules are removed afterwards, also when the test fails.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Browser.class)
class BlockedNetworkIT {
    @RegisterExtension
    static final Backend backend = new Backend();

    @Parameter
    Browser browser;

    @Test
    void aNetworkThatDropsWebSocketsIsExplainedBeforeStart() {
        int port = backend.server().baseUri().getPort();
        try (NetworkNamespace network = new NetworkNamespace(browser.id())) {
            network.forwardIn(port);
            network.blockWebSockets(port);
            try (PatientBrowser page = browser.launch(BrowserOptions.desktop().inNamespace(network))) {
                page.open(backend.server().patientJoinUrl(backend.server().demo().paidAppointmentId()));
                assertTrue(page.visibleText("appointment-title").startsWith("Your appointment with Dr."),
                        "the page itself loads");
                assertEquals("This will not work because:", page.until(() ->
                        "This will not work because:".equals(page.text("readiness-title")) ? page.text("readiness-title")
                                : null, () -> "the verdict"));
                assertTrue(page.text("readiness-reasons").startsWith(
                        "Your network does not let this page reach CareCall's call service. Try another network"),
                        page.text("readiness-reasons"));
                assertTrue(page.text("network-lines").contains("CareCall cannot be reached from this network."));
                assertNull(page.enabledPrimary(), "Start cannot be pressed");
                Map<String, Object> report = page.readiness();
                assertEquals("blocked", report.get("verdict"));
                assertEquals(List.of("SERVER_UNREACHABLE"), report.get("blockers"));
                page.screenshot("precall-blocked");
            }
        }
    }
}
