package dev.carecall.e2e;

import dev.carecall.backend.CareCallServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real backend for one test class ({@code @RegisterExtension static final Backend backend = new Backend();}):
 * started before the class's first test on a free port with a fresh in-memory database and the demo data, closed
 * after its last, in every browser the class runs in.
 */
final class Backend implements BeforeAllCallback, AfterAllCallback {
    private CareCallServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        // Once per class, before the first browser's run (a parameterized class runs all-callbacks once).
        server = CareCallServer.startForTests();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    CareCallServer server() {
        if (server == null) {
            throw new IllegalStateException("the backend is not running");
        }
        return server;
    }

    Rest doctorRest() {
        return new Rest(server().baseUri(), server().doctorToken("demo-doctor"));
    }
}
