package dev.carecall.e2e.browser;

import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.Dimension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Debian's Firefox ESR, headless, driven through WebDriver BiDi, which it speaks itself when started with
 * {@code --remote-debugging-port} (no geckodriver). A fresh profile's {@code user.js} gives it fake camera and
 * microphone, no permission prompt, real host candidates, and no traffic of its own to anywhere.
 */
final class FirefoxBrowser extends PatientBrowser {
    private final BrowserProcess process;
    private final BiDiConnection bidi;
    private final String context;
    private final ConcurrentLinkedQueue<String> console = new ConcurrentLinkedQueue<>();

    FirefoxBrowser(BrowserOptions o) {
        super(o, "carecall-firefox-");
        writePreferences(o);
        String binary = System.getProperty("carecall.firefox", "/usr/bin/firefox-esr");
        List<String> command = new ArrayList<>(o.namespace() == null ? List.of(binary) : o.namespace().command(binary));
        // In a namespace the port is chosen here, free on this machine, so the forward outside keeps its number.
        int chosenPort = o.namespace() == null ? 0 : NetworkNamespace.freePort();
        command.addAll(List.of("--headless", "--no-remote", "--profile", profile().toString(),
                "--remote-debugging-port=" + chosenPort,
                "--window-size=" + o.size().getWidth() + "," + o.size().getHeight()));
        Map<String, String> env = new HashMap<>(Map.of("MOZ_CRASHREPORTER_DISABLE", "1"));
        if (o.timeZone() != null) {
            env.put("TZ", o.timeZone());
        }
        if (o.media() != BrowserOptions.Media.NO_DEVICES) {
            // A computer with a sound card; without one (NO_DEVICES) Firefox finds no microphone either.
            SoundServer.address().ifPresent(address -> env.put("PULSE_SERVER", address));
        } else {
            env.put("PULSE_SERVER", "unix:/nonexistent");
        }
        process = new BrowserProcess(command, env, "WebDriver BiDi listening on ws://127.0.0.1:(\\d+)");
        try {
            int port = process.port();
            if (o.namespace() != null) {
                o.namespace().exposeToHost(port);
            }
            bidi = new BiDiConnection(URI.create("ws://127.0.0.1:" + port + "/session"));
            bidi.send("session.new", Map.of("capabilities", Map.of("alwaysMatch", Map.of("acceptInsecureCerts", true))));
            context = bidi.send("browsingContext.getTree", Map.of()).path("contexts").get(0).path("context").asText();
            bidi.onEvent(this::event);
            bidi.send("session.subscribe", Map.of("events", List.of("log.entryAdded")));
            resize(o.size());
        } catch (RuntimeException e) {
            process.close();
            throw new IllegalStateException("Firefox did not start: " + e.getMessage() + "\n" + process.output(), e);
        }
    }

    private void writePreferences(BrowserOptions o) {
        Map<String, Object> prefs = new LinkedHashMap<>();
        boolean fake = o.media() != BrowserOptions.Media.NO_DEVICES;
        prefs.put("media.navigator.streams.fake", fake);
        // DENIED: no prompt, the camera and microphone are blocked as if the patient had refused.
        boolean denied = o.media() == BrowserOptions.Media.DENIED;
        prefs.put("media.navigator.permission.disabled", !denied);
        if (denied) {
            prefs.put("permissions.default.camera", 2);
            prefs.put("permissions.default.microphone", 2);
        }
        // Real host candidates instead of mDNS names, which webrtc-java cannot resolve.
        prefs.put("media.peerconnection.ice.obfuscate_host_addresses", false);
        prefs.put("media.autoplay.default", 0);
        prefs.put("media.autoplay.blocking_policy", 0);
        prefs.put("media.setsinkid.enabled", true);
        if (o.language() != null) {
            prefs.put("intl.accept_languages", o.language() + ", " + o.language().split("-")[0]);
        }
        if (o.touch()) {
            // Firefox's own touch emulation: touch events, a coarse primary pointer and touch points.
            prefs.put("dom.w3c_touch_events.enabled", 1);
            prefs.put("ui.primaryPointerCapabilities", 1);
            prefs.put("ui.allPointerCapabilities", 1);
            prefs.put("dom.maxtouchpoints.testing.value", 5);
        }
        // The tests' traffic goes to loopback only: no update, telemetry, safe-browsing or plugin downloads.
        for (String off : List.of("app.update.auto", "app.normandy.enabled", "browser.shell.checkDefaultBrowser",
                "datareporting.policy.dataSubmissionEnabled", "datareporting.healthreport.uploadEnabled",
                "toolkit.telemetry.enabled", "toolkit.telemetry.unified", "browser.safebrowsing.malware.enabled",
                "browser.safebrowsing.phishing.enabled", "browser.safebrowsing.downloads.enabled",
                "network.captive-portal-service.enabled", "network.connectivity-service.enabled",
                "extensions.update.enabled", "extensions.getAddons.cache.enabled", "browser.newtabpage.enabled",
                "media.gmp-manager.updateEnabled", "browser.search.update", "dom.push.connection.enabled",
                "network.prefetch-next", "browser.aboutwelcome.enabled")) {
            prefs.put(off, false);
        }
        prefs.put("network.dns.disablePrefetch", true);
        prefs.put("browser.startup.page", 0);
        prefs.put("browser.startup.homepage_override.mstone", "ignore");
        prefs.put("services.settings.server", "http://127.0.0.1:9/");
        prefs.put("geo.provider.network.url", "");
        prefs.put("browser.region.network.url", "");
        String userJs = prefs.entrySet().stream()
                .map(e -> "user_pref(\"" + e.getKey() + "\", " + (e.getValue() instanceof String s ? "\"" + s + "\""
                        : e.getValue()) + ");")
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.writeString(profile().resolve("user.js"), userJs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void event(JsonNode message) {
        if ("log.entryAdded".equals(message.path("method").asText())) {
            JsonNode p = message.path("params");
            console.add(p.path("level").asText() + " " + p.path("text").asText());
        }
    }

    @Override
    public Browser kind() {
        return Browser.FIREFOX;
    }

    @Override
    protected void navigate(String url) {
        console.clear();
        bidi.send("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
    }

    @Override
    public void reload() {
        bidi.send("browsingContext.reload", Map.of("context", context, "wait", "complete"));
    }

    @Override
    public Object script(String body, Object... args) {
        List<Map<String, Object>> arguments = new ArrayList<>();
        for (Object a : args) {
            arguments.add(switch (a) {
                case null -> Map.of("type", "null");
                case String s -> Map.of("type", "string", "value", s);
                case Boolean b -> Map.of("type", "boolean", "value", b);
                case Number n -> Map.of("type", "number", "value", n);
                default -> throw new IllegalArgumentException("cannot pass " + a.getClass() + " to the page");
            });
        }
        JsonNode result = bidi.send("script.callFunction", Map.of(
                "functionDeclaration", "function() {\n" + body + "\n}",
                "arguments", arguments, "target", Map.of("context", context), "awaitPromise", true,
                "resultOwnership", "none", "serializationOptions", Map.of("maxObjectDepth", 10)));
        if ("exception".equals(result.path("type").asText())) {
            throw new IllegalStateException("script failed in Firefox: "
                    + result.path("exceptionDetails").path("text").asText());
        }
        return RemoteValues.toJava(result.path("result"));
    }

    @Override
    public void beforeEveryPage(String js) {
        bidi.send("script.addPreloadScript", Map.of("functionDeclaration", "() => {\n" + js + "\n}"));
    }

    @Override
    public void resize(Dimension size) {
        bidi.send("browsingContext.setViewport", Map.of("context", context,
                "viewport", Map.of("width", size.width, "height", size.height), "devicePixelRatio", 1));
    }

    @Override
    public byte[] screenshotPng() {
        String data = bidi.send("browsingContext.captureScreenshot", Map.of("context", context)).path("data").asText();
        return Base64.getDecoder().decode(data);
    }

    @Override
    public String console() {
        return String.join("\n", console);
    }

    @Override
    protected void pointerClick(String id) {
        pointer(id, "mouse");
    }

    @Override
    protected void touchTap(String id) {
        pointer(id, "touch");
    }

    private void pointer(String id, String type) {
        JsonNode element = bidi.send("script.callFunction", Map.of(
                "functionDeclaration", "function(id) { return document.getElementById(id); }",
                "arguments", List.of(Map.of("type", "string", "value", id)), "target", Map.of("context", context),
                "awaitPromise", false)).path("result");
        Map<String, Object> origin = Map.of("type", "element", "element",
                Map.of("sharedId", element.path("sharedId").asText()));
        perform(Map.of("type", "pointer", "id", type, "parameters", Map.of("pointerType", type), "actions", List.of(
                Map.of("type", "pointerMove", "x", 0, "y", 0, "origin", origin),
                Map.of("type", "pointerDown", "button", 0),
                Map.of("type", "pointerUp", "button", 0))));
    }

    @Override
    public void keys(CharSequence... keys) {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (CharSequence sequence : keys) {
            sequence.codePoints().forEach(cp -> {
                // A typed line break is the Enter key, as chromedriver reads it.
                String key = cp == '\n' ? "\uE007" : Character.toString(cp);
                actions.add(Map.of("type", "keyDown", "value", key));
                actions.add(Map.of("type", "keyUp", "value", key));
            });
        }
        perform(Map.of("type", "key", "id", "keyboard", "actions", actions));
    }

    private void perform(Map<String, Object> source) {
        bidi.send("input.performActions", Map.of("context", context, "actions", List.of(source)));
        bidi.send("input.releaseActions", Map.of("context", context));
    }

    @Override
    protected void quit() {
        try {
            bidi.send("browser.close", Map.of());
        } catch (RuntimeException e) {
            // closing anyway below
        } finally {
            try {
                bidi.close();
            } catch (RuntimeException ignored) {
                // the socket is already gone with the browser
            }
            process.close();
        }
    }
}
