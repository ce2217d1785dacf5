package dev.carecall.console.signin;

import dev.carecall.console.api.ApiException;
import dev.carecall.console.api.CareCallApi;
import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.api.ServerAddress;
import dev.carecall.console.config.ConfigKey;
import dev.carecall.console.config.ConsoleConfig;
import dev.carecall.console.fx.Fx;
import dev.carecall.console.fx.PlainLanguage;
import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.rest.ServerInfo;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * The sign-in screen's state: the three fields the doctor fills in, whether the server was reached, and one
 * plain-language error. FX thread only; the network work runs through {@link Fx#background}.
 */
public final class SignInViewModel {
    private final ConsoleConfig config;
    private final SSLContext ssl;
    private final String version;
    private final Texts texts;
    private final PlainLanguage plain;
    private final Consumer<DoctorSession> onSignedIn;

    private final StringProperty server = new SimpleStringProperty(this, "server", "");
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper serverReached = new ReadOnlyBooleanWrapper(this, "serverReached");
    private final ReadOnlyStringWrapper serverStatus = new ReadOnlyStringWrapper(this, "serverStatus", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /** Bumped by every check, so a slow answer about an address the doctor has since changed is dropped. */
    private long generation;
    private URI reachedUri;

    /**
     * @param config     where the fields' first values come from and where the user name is remembered
     * @param ssl        the TLS trust (with the clinic's CA)
     * @param version    the console's version, for the log line the installer's test watches
     * @param notice     a message to show at once (e.g. "session expired"), or null
     * @param texts      the console's language
     * @param onSignedIn called on the FX thread after a successful sign-in
     */
    public SignInViewModel(ConsoleConfig config, SSLContext ssl, String version, String notice, Texts texts,
                           Consumer<DoctorSession> onSignedIn) {
        this.config = config;
        this.ssl = ssl;
        this.version = version;
        this.texts = texts;
        this.plain = new PlainLanguage(texts);
        this.onSignedIn = onSignedIn;
        server.set(config.serverUrl().orElse(""));
        username.set(config.initialUsername().orElse(""));
        error.set(notice == null ? "" : notice);
        // Any change to the address makes the earlier check meaningless.
        server.addListener((obs, old, now) -> {
            generation++;
            reachedUri = null;
            serverReached.set(false);
            serverStatus.set("");
        });
    }

    /** Checks the address in the field ({@code GET /api/info}); quiet when it is empty or already checked. */
    public void checkServer() {
        if (server.get().isBlank() || reachedUri != null) {
            return;
        }
        URI uri;
        try {
            uri = ServerAddress.parse(server.get());
        } catch (ApiException e) {
            error.set(plain.describe(e));
            return;
        }
        long checking = ++generation;
        serverStatus.set(texts.get("signIn.checking", uri.getAuthority()));
        CareCallApi api = new CareCallApi(uri, ssl);
        Fx.background(api::info, info -> {
            if (checking == generation) {
                reached(uri, info);
            }
        }, failure -> {
            if (checking == generation) {
                serverStatus.set("");
                error.set(plain.describe(failure));
            }
        });
    }

    /** Signs in with the three fields. */
    public void signIn() {
        if (busy.get()) {
            return;
        }
        URI uri;
        try {
            uri = ServerAddress.parse(server.get());
        } catch (ApiException e) {
            error.set(plain.describe(e));
            return;
        }
        if (username.get().isBlank() || password.get().isEmpty()) {
            error.set(texts.get("signIn.missingCredentials"));
            return;
        }
        String typedServer = server.get().strip();
        String user = username.get().strip();
        String secret = password.get();
        long signingIn = ++generation;
        busy.set(true);
        error.set("");
        CareCallApi api = new CareCallApi(uri, ssl);
        Fx.background(() -> {
            ServerInfo info = api.info();
            Fx.later(() -> {
                if (signingIn == generation) {
                    reached(uri, info);
                }
            });
            return new DoctorSession(api, info, api.login(user, secret));
        }, session -> {
            busy.set(false);
            password.set("");
            rememberSignIn(typedServer, user);
            onSignedIn.accept(session);
        }, failure -> {
            busy.set(false);
            error.set(plain.describe(failure));
        });
    }

    private void reached(URI uri, ServerInfo info) {
        if (!uri.equals(reachedUri)) {
            // The installer's test watches stdout for exactly this line, so it is never translated; clinic IT's
            // scripts may match it too.
            System.out.printf("CareCall console %s: reached server %s (%s %s, protocol %d)%n", version, uri,
                    info.product(), info.version(), info.protocolVersion());
            System.out.flush();
        }
        reachedUri = uri;
        serverReached.set(true);
        serverStatus.set(texts.get("signIn.connected", uri.getAuthority()));
        error.set("");
    }

    /**
     * Remembers the user name, and the address only when the doctor typed one that differs from what the
     * configuration would give anyway: saving it otherwise would pin this user to today's address and hide a later
     * change that clinic IT pushes in the machine-wide file.
     */
    private void rememberSignIn(String typedServer, String user) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        values.put(ConfigKey.SIGN_IN_LAST_USERNAME, user);
        if (!Objects.equals(config.serverUrl().orElse(null), typedServer)) {
            values.put(ConfigKey.SERVER_URL, typedServer);
        }
        Fx.background(() -> config.remember(values));
    }

    /** The server address field. */
    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    /** True while signing in. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once {@code GET /api/info} answered for the address in the field. */
    public ReadOnlyBooleanProperty serverReachedProperty() {
        return serverReached.getReadOnlyProperty();
    }

    /** "Connected to clinic.example.org", "Checking ...", or empty. */
    public ReadOnlyStringProperty serverStatusProperty() {
        return serverStatus.getReadOnlyProperty();
    }

    /** The plain-language error to show, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String version() {
        return version;
    }

    public Texts texts() {
        return texts;
    }
}
