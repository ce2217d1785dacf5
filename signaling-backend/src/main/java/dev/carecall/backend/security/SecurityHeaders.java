package dev.carecall.backend.security;

import dev.carecall.backend.ErrorResponses;
import dev.carecall.backend.appointments.PublicAddress;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.rest.ApiError;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Headers on every HTTP answer, set before the route runs: no framing ({@code X-Frame-Options} and CSP
 * {@code frame-ancestors}), no type sniffing, no referrer (join links carry the patient's token), HSTS when the server
 * itself speaks TLS, {@code no-store} on the API and the join page (they carry tokens and health data), and the join
 * page's strict Content Security Policy. A request body announced larger than {@link #MAX_BODY} is refused before it
 * is read, with a typed {@code MESSAGE_TOO_LARGE}.
 */
public final class SecurityHeaders implements Filter {
    /** The largest request body (the API's bodies are a few hundred bytes; a sign-in is the largest). */
    public static final int MAX_BODY = 16 * 1024;
    static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    private static final HeaderName NOSNIFF = HeaderNames.create("X-Content-Type-Options");
    private static final HeaderName REFERRER = HeaderNames.create("Referrer-Policy");

    private final ProtocolCodec codec;
    private final PublicAddress address;
    private final boolean tls;

    public SecurityHeaders(ProtocolCodec codec, PublicAddress address, boolean tls) {
        this.codec = codec;
        this.address = address;
        this.tls = tls;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(FRAME_OPTIONS, "DENY");
        res.header(NOSNIFF, "nosniff");
        res.header(REFERRER, "no-referrer");
        if (tls) {
            res.header(HeaderNames.STRICT_TRANSPORT_SECURITY, "max-age=31536000");
        }
        String path = req.path().path();
        if (path.startsWith("/api/") || path.startsWith("/join/") || path.startsWith("/observe/")) {
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
        }
        if (path.startsWith("/join/") || path.startsWith("/patient/")) {
            res.header(CSP, pagePolicy(address.webSocketBase(req)));
        } else {
            res.header(CSP, "default-src 'none'; frame-ancestors 'none'");
        }
        if (req.headers().contentLength().orElse(0) > MAX_BODY) {
            ErrorResponses.send(res, codec, ErrorCode.MESSAGE_TOO_LARGE,
                    "The request is larger than " + MAX_BODY / 1024 + " KiB.");
            return;
        }
        chain.proceed();
    }

    /**
     * Helidon's own answers to requests it refuses before any route runs (a body over the listener's limit, headers or
     * a request line too long, broken HTTP), typed like every other API error instead of an empty or plain-text body:
     * 413 is {@code MESSAGE_TOO_LARGE}, anything else {@code BAD_REQUEST} with Helidon's status. Helidon's message is
     * not echoed: it may quote what the client sent.
     */
    public static DirectHandlers directHandlers(ProtocolCodec codec) {
        byte[] tooLarge = json(codec, ErrorCode.MESSAGE_TOO_LARGE,
                "The request is larger than " + MAX_BODY / 1024 + " KiB.");
        byte[] bad = json(codec, ErrorCode.BAD_REQUEST,
                "The request is not valid HTTP, or its request line or headers are too long.");
        DirectHandler typed = (request, type, status, headers, message) -> DirectHandler.TransportResponse
                .builder().status(status).headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .entity(status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code() ? tooLarge : bad)
                .keepAlive(false).build();
        return DirectHandlers.builder()
                .addHandler(DirectHandler.EventType.BAD_REQUEST, typed)
                .addHandler(DirectHandler.EventType.PAYLOAD_TOO_LARGE, typed)
                .build();
    }

    private static byte[] json(ProtocolCodec codec, ErrorCode code, String message) {
        return codec.toJson(ApiError.of(code, message)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The page's policy: its own scripts, styles and images only, no inline code, connections to this server and its
     * WebSocket (which may be on a port or host of its own), the speaker test's generated sound ({@code blob:}), and
     * the empty icon ({@code data:}).
     */
    static String pagePolicy(URI webSocketBase) {
        String ws = webSocketBase.getScheme() + "://" + webSocketBase.getRawAuthority();
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "media-src 'self' blob:; font-src 'self'; connect-src 'self' " + ws + "; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}
