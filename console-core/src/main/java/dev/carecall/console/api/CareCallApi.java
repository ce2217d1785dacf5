package dev.carecall.console.api;

import dev.carecall.console.api.ApiException.Problem;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ProtocolException;
import dev.carecall.protocol.rest.ApiError;
import dev.carecall.protocol.rest.AppointmentView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.CallStatusView;
import dev.carecall.protocol.rest.DeclineRequest;
import dev.carecall.protocol.rest.LoginRequest;
import dev.carecall.protocol.rest.LoginResponse;
import dev.carecall.protocol.rest.ServerInfo;
import dev.carecall.protocol.rest.WaitingMessageRequest;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The backend's REST API as the console uses it (PROTOCOL.md, REST). Blocking: call it off the UI thread. Every
 * failure is an {@link ApiException} with a {@link Problem} the console translates for the doctor. Thread-safe.
 */
public final class CareCallApi {
    /** The product name a CareCall server reports; anything else at the address is the wrong server. */
    public static final String PRODUCT = "CareCall";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final URI baseUri;
    private final SSLContext ssl;
    private final HttpClient http;
    private final ProtocolCodec codec = new ProtocolCodec();

    /**
     * @param baseUri the server, e.g. {@code https://clinic.example.org} (see {@link ServerAddress#parse})
     * @param ssl     the trust to use for https (see {@code TlsTrust})
     */
    public CareCallApi(URI baseUri, SSLContext ssl) {
        this.baseUri = baseUri;
        this.ssl = ssl;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).sslContext(ssl)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The TLS trust this client uses, for the WebSockets to the same server. */
    public SSLContext tls() {
        return ssl;
    }

    /** Checks that a CareCall server answers at the address ({@code GET /api/info}). */
    public ServerInfo info() {
        ServerInfo info = send(get("/api/info", null), body -> codec.fromJson(body, ServerInfo.class), true);
        if (!PRODUCT.equals(info.product())) {
            throw new ApiException(Problem.NOT_CARECALL, null, display(), "product is " + info.product(), null);
        }
        return info;
    }

    /** Signs a doctor in; a wrong password is {@link Problem#REJECTED} with {@code INVALID_CREDENTIALS}. */
    public LoginResponse login(String username, String password) {
        HttpRequest request = request("/api/auth/login", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(codec.toJson(new LoginRequest(username, password))))
                .build();
        return send(request, body -> codec.fromJson(body, LoginResponse.class), false);
    }

    /** Signs the doctor out on the server: the token is refused from now on ({@code POST /api/auth/logout}). */
    public void logout(String token) {
        HttpRequest request = request("/api/auth/logout", token).POST(HttpRequest.BodyPublishers.noBody()).build();
        send(request, body -> null, false);
    }

    /**
     * Makes a new join link for the appointment; the old link stops working at once. Returns the appointment with
     * the new link.
     */
    public AppointmentView newJoinLink(long appointmentId, String token) {
        HttpRequest request = request("/api/appointments/" + appointmentId + "/join-link", token)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return send(request, body -> codec.fromJson(body, AppointmentView.class), false);
    }

    /** The signed-in doctor's appointments, with join links. */
    public List<AppointmentView> appointments(String token) {
        return send(get("/api/appointments", token), body -> codec.listFromJson(body, AppointmentView.class), false);
    }

    /** One appointment. */
    public AppointmentView appointment(long appointmentId, String token) {
        return send(get("/api/appointments/" + appointmentId, token),
                body -> codec.fromJson(body, AppointmentView.class), false);
    }

    /** The call state of one appointment. */
    public CallStatusView callStatus(long appointmentId, String token) {
        return send(get("/api/appointments/" + appointmentId + "/call-status", token),
                body -> codec.fromJson(body, CallStatusView.class), false);
    }

    /** Ends the appointment's call for both parties (used when the call view cannot reach the room socket). */
    public CallStatusView endCall(long appointmentId, String token) {
        HttpRequest request = request("/api/appointments/" + appointmentId + "/end-call", token)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return send(request, body -> codec.fromJson(body, CallStatusView.class), false);
    }

    /** "Send link": the backend mails and texts the patient's join link once more (to the contacts it has). */
    public void sendLink(long appointmentId, String token) {
        HttpRequest request = request("/api/appointments/" + appointmentId + "/send-link", token)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        send(request, body -> body, false);
    }

    /** Writes to the patient waiting in the appointment's call ({@code POST .../waiting-message}). */
    public void sendWaitingMessage(long appointmentId, String text, String token) {
        HttpRequest request = request("/api/appointments/" + appointmentId + "/waiting-message", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(codec.toJson(new WaitingMessageRequest(text)))).build();
        send(request, body -> body, false);
    }

    /** Declines the waiting patient with a reason they read ({@code POST .../decline}). */
    public CallStatusView decline(long appointmentId, String reason, String token) {
        HttpRequest request = request("/api/appointments/" + appointmentId + "/decline", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(codec.toJson(new DeclineRequest(reason)))).build();
        return send(request, body -> codec.fromJson(body, CallStatusView.class), false);
    }

    /** The appointment's calls, newest first. */
    public List<CallSessionView> callHistory(long appointmentId, String token) {
        return send(get("/api/appointments/" + appointmentId + "/call-history", token),
                body -> codec.listFromJson(body, CallSessionView.class), false);
    }

    private HttpRequest get(String path, String token) {
        return request(path, token).GET().build();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /**
     * Sends and reads the answer. {@code probing} is true for the first contact with an address: then an answer
     * this console cannot read means "not a CareCall server" rather than "the server failed".
     */
    private <T> T send(HttpRequest request, Function<String, T> reader, boolean probing) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new ApiException(Problem.UNREACHABLE, null, display(), "connect timed out", e);
        } catch (HttpTimeoutException e) {
            throw new ApiException(Problem.TIMEOUT, null, display(), "no answer in " + REQUEST_TIMEOUT, e);
        } catch (SSLException e) {
            throw new ApiException(certificateProblem(e) ? Problem.UNTRUSTED_CERTIFICATE : Problem.NOT_CARECALL,
                    null, display(), "TLS failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ApiException(Problem.UNREACHABLE, null, display(), String.valueOf(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Problem.UNREACHABLE, null, display(), "interrupted", e);
        }
        int status = response.statusCode();
        String body = response.body();
        if (status / 100 == 2) {
            try {
                return reader.apply(body);
            } catch (ProtocolException e) {
                throw new ApiException(probing ? Problem.NOT_CARECALL : Problem.SERVER_FAILED, null, display(),
                        request.uri().getPath() + " answered unreadable " + e.getMessage(), e);
            }
        }
        ApiError error;
        try {
            error = codec.fromJson(body, ApiError.class);
        } catch (ProtocolException e) {
            error = null;
        }
        if (error == null || error.error() == null || error.error().code() == null) {
            throw new ApiException(probing || status == 404 ? Problem.NOT_CARECALL : Problem.SERVER_FAILED, null,
                    display(), request.uri().getPath() + " answered HTTP " + status, null);
        }
        throw new ApiException(status >= 500 ? Problem.SERVER_FAILED : Problem.REJECTED, error.error().code(),
                display(), request.uri().getPath() + " answered HTTP " + status + ": " + error.error().message(), null);
    }

    private static boolean certificateProblem(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return true;
            }
        }
        return e instanceof SSLHandshakeException && String.valueOf(e.getMessage()).contains("certificat");
    }

    private String display() {
        return baseUri.toString();
    }
}
