package dev.carecall.console.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Turns what a doctor types ("clinic.example.org", "127.0.0.1:8080/", "https://clinic.example.org") into the
 * server's base URI. Without a scheme, https is assumed except for this computer (a local demo or test runs plain
 * http), because a clinic server must use TLS.
 */
public final class ServerAddress {
    private ServerAddress() {
    }

    /** The base URI (scheme, host, port; no path, no trailing slash) or a {@link ApiException.Problem#BAD_ADDRESS}. */
    public static URI parse(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw bad(typed, "empty");
        }
        if (!text.contains("://")) {
            String host = text.split("[:/]", 2)[0].toLowerCase(Locale.ROOT);
            boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            text = (local ? "http://" : "https://") + text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw bad(typed, "scheme " + scheme);
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw bad(typed, "no host");
            }
            return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw bad(typed, e.getMessage());
        }
    }

    private static ApiException bad(String typed, String detail) {
        return new ApiException(ApiException.Problem.BAD_ADDRESS, null, typed == null ? "" : typed.strip(),
                "not a server address: " + detail, null);
    }
}
