package dev.carecall.backend;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The backend tests' one server fixture: a real server (random port, in-memory H2 of its own, demo data) started
 * through {@link CareCallServer#start}, and so through {@link Main#setup}, before the class's first test and closed
 * after its last.
 * <pre>
 * &#64;RegisterExtension
 * static final TestBackend BACKEND = TestBackend.withDefaults();
 * private final CareCallServer server = BACKEND.server();
 * </pre>
 * The instance field works because JUnit makes each test's instance after the class's {@code beforeAll}.
 */
final class TestBackend implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<BackendSettings> change;
    private BackendSettings settings;
    private CareCallServer server;

    private TestBackend(UnaryOperator<BackendSettings> change) {
        this.change = change;
    }

    /** {@link BackendSettings#forTests()} as they are. */
    static TestBackend withDefaults() {
        return new TestBackend(UnaryOperator.identity());
    }

    /** {@link BackendSettings#forTests()} changed; the change runs at the start, after {@code @TempDir} fields. */
    static TestBackend with(UnaryOperator<BackendSettings> change) {
        return new TestBackend(change);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        settings = change.apply(BackendSettings.forTests());
        server = CareCallServer.start(settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    /** The running server. */
    CareCallServer server() {
        return Objects.requireNonNull(server, "the server starts before the class's first test");
    }

    /** The settings it runs with (its token secret, for instance). */
    BackendSettings settings() {
        return Objects.requireNonNull(settings, "the server starts before the class's first test");
    }
}
