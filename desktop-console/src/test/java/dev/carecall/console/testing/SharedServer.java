package dev.carecall.console.testing;

import dev.carecall.backend.CareCallServer;

/**
 * One real backend for all window tests of this module's test run: starting one takes seconds (database,
 * migrations, demo data), and each test makes its own appointments, so sharing it keeps the module quick without
 * tests seeing each other's state.
 */
public final class SharedServer {
    private static CareCallServer server;

    private SharedServer() {
    }

    /** The running backend, started on first use and closed when the test JVM exits. */
    public static synchronized CareCallServer get() {
        if (server == null) {
            CareCallServer started = CareCallServer.startForTests();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "carecall-test-server-stop"));
            server = started;
        }
        return server;
    }
}
