package dev.carecall.backend.patientpage;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code GET /join/{id}} and {@code GET /patient/<file>}. */
public final class PatientPageRoutes {
    /**
     * System property that the browser tests set: the join page then carries a mark that makes the page expose its
     * test hooks ({@code window.carecall}). Production never sets it, so a patient's page has no hooks.
     */
    public static final String TEST_HOOKS_PROPERTY = "carecall.page.testHooks";
    static final String TEST_HOOKS_MARK = "<meta name=\"carecall-test-hooks\" content=\"on\">";

    private static final String ROOT = "carecall/patient-web/";
    /** Plain relative file paths only: no "..", no absolute paths, no odd characters. */
    private static final Pattern SAFE_PATH = Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp3", "audio/mpeg"));

    private PatientPageRoutes() {
    }

    /** The page as patients get it; with {@link #TEST_HOOKS_PROPERTY} set to true, as the browser tests get it. */
    public static void register(HttpRouting.Builder routing) {
        register(routing, Boolean.getBoolean(TEST_HOOKS_PROPERTY));
    }

    static void register(HttpRouting.Builder routing, boolean testHooks) {
        routing.get("/join/{id}", (req, res) -> joinPage(res, testHooks))
                .get("/patient/*", PatientPageRoutes::file);
    }

    private static void joinPage(ServerResponse res, boolean testHooks) {
        byte[] page = read("index.html");
        if (testHooks && page != null) {
            String html = new String(page, StandardCharsets.UTF_8);
            page = html.replace("</head>", TEST_HOOKS_MARK + "\n</head>").getBytes(StandardCharsets.UTF_8);
        }
        // The link's query carries the patient's token: no cache keeps the page.
        send(res, "index.html", page, "no-store");
    }

    private static void file(ServerRequest req, ServerResponse res) {
        String path = req.path().path().substring("/patient/".length());
        if (path.isEmpty()) {
            path = "index.html";
        }
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "That is not a file of the patient page.");
        }
        serve(res, path);
    }

    private static void serve(ServerResponse res, String path) {
        // The page and its modules change with each release and are small: always revalidate.
        send(res, path, read(path), "no-cache");
    }

    /** A file of the page, or null when there is none. */
    private static byte[] read(String path) {
        try (InputStream in = PatientPageRoutes.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file; framing, sniffing, referrer and the page's Content-Security-Policy are SecurityHeaders' part. */
    private static void send(ServerResponse res, String path, byte[] bytes, String cacheControl) {
        if (bytes == null) {
            res.status(Status.NOT_FOUND_404).header(HeaderNames.CONTENT_TYPE, TYPES.get("txt"))
                    .send("Not found: /patient/" + path);
            return;
        }
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        res.header(HeaderNames.CONTENT_TYPE, TYPES.getOrDefault(extension, "application/octet-stream"));
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
        res.send(bytes);
    }
}
