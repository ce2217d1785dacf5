package dev.carecall.console.check;

import dev.carecall.console.api.ApiException;
import dev.carecall.console.api.CareCallApi;
import dev.carecall.console.check.CheckResult.Problem;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.IceServer;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ProtocolException;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.ServerInfo;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * IT's connectivity check, run by {@code CareCall --check} and the settings screen's "Test connection": the server
 * and its certificate, {@code /api/info}, the WebSocket at the announced address, a STUN binding, TURN allocations
 * over UDP, TCP and TLS, and a short exchange of media-sized packets through two relays. Each step reports a typed
 * {@link CheckResult}; the words are the console's. Blocking: run it off the UI thread.
 */
public final class ConnectivityCheck {
    private static final Logger LOG = Logger.getLogger(ConnectivityCheck.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<CheckStep> TURN_STEPS = List.of(CheckStep.TURN_UDP, CheckStep.TURN_TCP,
            CheckStep.TURN_TLS);

    /**
     * Who the check signs in as: the server hands STUN and TURN servers (with a TURN credential) only to someone
     * signed in.
     *
     * @param token    a doctor's sign-in token (the settings screen's), or null
     * @param username a user name to sign in with (the command line's), or null
     * @param password its password
     */
    public record Access(String token, String username, String password) {
        public static Access none() {
            return new Access(null, null, null);
        }

        public static Access token(String token) {
            return new Access(token, null, null);
        }

        public static Access signIn(String username, String password) {
            return new Access(null, username, password);
        }
    }

    private final CareCallApi api;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final MediaLoop mediaLoop;

    public ConnectivityCheck(CareCallApi api) {
        this.api = api;
        this.mediaLoop = new MediaLoop(api.tls());
    }

    /** Runs every step in order; each result goes to {@code listener} as soon as it is known. */
    public List<CheckResult> run(Access access, Consumer<CheckResult> listener) {
        List<CheckResult> results = new ArrayList<>();
        Consumer<CheckResult> report = result -> {
            if (result.detail() != null) {
                LOG.log(result.failed() ? Level.INFO : Level.FINE, () -> result.step() + " " + result.outcome()
                        + " " + result.problem() + " " + result.target() + ": " + result.detail());
            }
            results.add(result);
            listener.accept(result);
        };
        URI base = api.baseUri();
        CheckResult server = server(base);
        report.accept(server);
        ServerInfo info = null;
        if (server.failed()) {
            report.accept(CheckResult.skipped(CheckStep.SERVER_INFO, Problem.EARLIER_STEP_FAILED,
                    base.resolve("/api/info").toString()));
        } else {
            try {
                info = api.info();
                report.accept(CheckResult.passed(CheckStep.SERVER_INFO, base.resolve("/api/info").toString(),
                        info.version()));
            } catch (ApiException e) {
                report.accept(CheckResult.failed(CheckStep.SERVER_INFO, problem(e), base.resolve("/api/info")
                        .toString(), e.getMessage()));
            }
        }
        String token = access.token();
        if (access.username() != null && info != null) {
            try {
                token = api.login(access.username(), access.password()).token();
                report.accept(CheckResult.passed(CheckStep.SIGN_IN, base.resolve("/api/auth/login").toString(),
                        access.username()));
            } catch (ApiException e) {
                report.accept(CheckResult.failed(CheckStep.SIGN_IN, e.problem() == ApiException.Problem.REJECTED
                        ? Problem.SIGN_IN_REFUSED : problem(e), base.resolve("/api/auth/login").toString(),
                        e.getMessage()));
            }
        }
        List<IceServer> ice = null;
        String lobby = info == null ? null : lobby(info.websocketUrl());
        if (info == null) {
            report.accept(CheckResult.skipped(CheckStep.WEBSOCKET, Problem.EARLIER_STEP_FAILED, null));
        } else {
            WebSocketAnswer answer = webSocket(lobby, token);
            report.accept(answer.result());
            ice = answer.iceServers();
        }
        iceSteps(ice, token == null && info != null, report);
        return results;
    }

    /**
     * Only the STUN, TURN and media steps, with ICE servers given by the caller (e.g. a TURN credential IT made by
     * hand, or a test's expired one).
     */
    public List<CheckResult> checkIceServers(List<IceServer> ice, Consumer<CheckResult> listener) {
        List<CheckResult> results = new ArrayList<>();
        iceSteps(ice, false, result -> {
            results.add(result);
            listener.accept(result);
        });
        return results;
    }

    private void iceSteps(List<IceServer> ice, boolean signInNeeded, Consumer<CheckResult> report) {
        List<CheckStep> rest = List.of(CheckStep.STUN, CheckStep.TURN_UDP, CheckStep.TURN_TCP, CheckStep.TURN_TLS,
                CheckStep.MEDIA_RELAY);
        if (ice == null) {
            Problem why = signInNeeded ? Problem.SIGN_IN_NEEDED : Problem.EARLIER_STEP_FAILED;
            rest.forEach(step -> report.accept(CheckResult.skipped(step, why, null)));
            return;
        }
        report.accept(stun(ice));
        Optional<Relay> working = Optional.empty();
        for (CheckStep step : TURN_STEPS) {
            StunTransport.Kind kind = StunTransport.Kind.values()[TURN_STEPS.indexOf(step)];
            Optional<Relay> relay = relay(ice, kind);
            if (relay.isEmpty()) {
                report.accept(CheckResult.skipped(step, Problem.NOT_CONFIGURED, null));
                continue;
            }
            CheckResult result = mediaLoop.allocate(step, relay.get());
            report.accept(result);
            if (!result.failed() && working.isEmpty()) {
                working = relay;
            }
        }
        if (working.isEmpty()) {
            boolean anyTurn = TURN_STEPS.stream().anyMatch(s -> relay(ice, StunTransport.Kind.values()[
                    TURN_STEPS.indexOf(s)]).isPresent());
            report.accept(CheckResult.skipped(CheckStep.MEDIA_RELAY,
                    anyTurn ? Problem.EARLIER_STEP_FAILED : Problem.NOT_CONFIGURED, null));
        } else {
            report.accept(mediaLoop.run(working.get()));
        }
    }

    /** A TURN URL with its credential. */
    record Relay(TurnUrl url, String username, String credential) {
    }

    private static Optional<Relay> relay(List<IceServer> ice, StunTransport.Kind kind) {
        for (IceServer server : ice) {
            for (String url : server.urls()) {
                Optional<TurnUrl> parsed = TurnUrl.parse(url).filter(u -> u.turn() && u.transport() == kind);
                if (parsed.isPresent() && server.username() != null) {
                    return Optional.of(new Relay(parsed.get(), server.username(), server.credential()));
                }
            }
        }
        return Optional.empty();
    }

    private CheckResult stun(List<IceServer> ice) {
        // A STUN URL if there is one; TURN servers answer binding requests on their UDP port too.
        Optional<TurnUrl> stun = ice.stream().flatMap(s -> s.urls().stream()).map(TurnUrl::parse)
                .flatMap(Optional::stream).filter(u -> !u.turn()).findFirst()
                .or(() -> relay(ice, StunTransport.Kind.UDP).map(Relay::url));
        if (stun.isEmpty()) {
            return CheckResult.skipped(CheckStep.STUN, Problem.NOT_CONFIGURED, null);
        }
        TurnUrl url = new TurnUrl(false, StunTransport.Kind.UDP, stun.get().host(), stun.get().port());
        try (TurnClient client = new TurnClient(StunTransport.open(StunTransport.Kind.UDP, url.address(), null),
                null, null)) {
            InetSocketAddress seen = client.binding();
            return CheckResult.passed(CheckStep.STUN, url.target(), seen.getAddress().getHostAddress() + ":"
                    + seen.getPort());
        } catch (TurnException e) {
            return CheckResult.failed(CheckStep.STUN, MediaLoop.problem(e), url.target(), e.getMessage());
        }
    }

    private CheckResult server(URI base) {
        boolean secure = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() != -1 ? base.getPort() : secure ? 443 : 80;
        String target = base.getHost() + ":" + port + " TCP";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), port), (int) TIMEOUT.toMillis());
            if (!secure) {
                return CheckResult.passed(CheckStep.SERVER, target, null);
            }
            try (SSLSocket tls = (SSLSocket) api.tls().getSocketFactory().createSocket(socket, base.getHost(), port,
                    false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.setSoTimeout((int) TIMEOUT.toMillis());
                tls.startHandshake();
                Certificate[] chain = tls.getSession().getPeerCertificates();
                X509Certificate top = (X509Certificate) chain[chain.length - 1];
                return CheckResult.passed(CheckStep.SERVER, target, top.getIssuerX500Principal().getName());
            }
        } catch (SSLHandshakeException e) {
            return CheckResult.failed(CheckStep.SERVER, Problem.UNTRUSTED_CERTIFICATE, target, e.toString());
        } catch (IOException e) {
            return CheckResult.failed(CheckStep.SERVER, Problem.UNREACHABLE, target, e.toString());
        }
    }

    private record WebSocketAnswer(CheckResult result, List<IceServer> iceServers) {
    }

    /** Opens the lobby socket at the announced address; with a token, registers and takes the ICE servers. */
    private WebSocketAnswer webSocket(String lobby, String token) {
        HttpClient http = HttpClient.newBuilder().sslContext(api.tls()).connectTimeout(TIMEOUT).build();
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket;
        try {
            socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(lobby),
                    new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                first.complete(text.toString());
                            }
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket ws, Throwable error) {
                            first.completeExceptionally(error);
                        }
                    }).get(TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | IllegalArgumentException e) {
            return new WebSocketAnswer(CheckResult.failed(CheckStep.WEBSOCKET, Problem.WEBSOCKET_FAILED, lobby,
                    String.valueOf(e.getCause() != null ? e.getCause() : e)), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebSocketAnswer(CheckResult.failed(CheckStep.WEBSOCKET, Problem.WEBSOCKET_FAILED, lobby,
                    "interrupted"), null);
        }
        try {
            if (token == null) {
                return new WebSocketAnswer(CheckResult.passed(CheckStep.WEBSOCKET, lobby, null), null);
            }
            socket.sendText(codec.encode(new ClientMessage.Register(token)), true);
            ServerMessage answer = codec.decodeServer(first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            if (answer instanceof ServerMessage.Registered registered) {
                return new WebSocketAnswer(CheckResult.passed(CheckStep.WEBSOCKET, lobby, null),
                        registered.iceServers());
            }
            return new WebSocketAnswer(CheckResult.failed(CheckStep.WEBSOCKET, Problem.SERVER_FAILED, lobby,
                    "answered " + answer), null);
        } catch (ExecutionException | TimeoutException | ProtocolException e) {
            return new WebSocketAnswer(CheckResult.failed(CheckStep.WEBSOCKET, Problem.WEBSOCKET_FAILED, lobby,
                    e.toString()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebSocketAnswer(CheckResult.failed(CheckStep.WEBSOCKET, Problem.WEBSOCKET_FAILED, lobby,
                    "interrupted"), null);
        } finally {
            socket.abort();
        }
    }

    private static String lobby(String websocketUrl) {
        return websocketUrl.replaceFirst("/+$", "") + "/ws/lobby";
    }

    private static Problem problem(ApiException e) {
        return switch (e.problem()) {
            case UNREACHABLE, TIMEOUT, BAD_ADDRESS -> Problem.UNREACHABLE;
            case UNTRUSTED_CERTIFICATE -> Problem.UNTRUSTED_CERTIFICATE;
            case NOT_CARECALL -> Problem.NOT_CARECALL;
            case SERVER_FAILED, REJECTED -> Problem.SERVER_FAILED;
        };
    }
}
