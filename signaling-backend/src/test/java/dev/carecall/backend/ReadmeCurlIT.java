package dev.carecall.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carecall.backend.integration.Scope;
import dev.carecall.protocol.ProtocolCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Connecting your booking system" examples, run as written with the real {@code curl} against a real
 * server: if the API and the README drift apart, this fails.
 */
class ReadmeCurlIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    @Test
    void theReadmesCurlExamplesWorkAsWritten() throws Exception {
        List<String> examples = curlExamples();
        assertTrue(examples.size() >= 6, "the section has its examples: " + examples.size());
        String key = server.addServiceKey("readme", EnumSet.allOf(Scope.class), null).key();

        List<JsonNode> answers = new ArrayList<>();
        for (String example : examples) {
            answers.add(run(example, key));
        }
        // The booking example twice: its Idempotency-Key gives the same appointment, not a second one.
        String booking = examples.stream().filter(e -> e.contains("Idempotency-Key")).findFirst().orElseThrow();
        JsonNode again = run(booking, key);

        JsonNode booked = answers.stream().filter(a -> a.has("joinUrl") && "unpaid".equals(
                a.path("paymentStatus").asText())).findFirst().orElseThrow();
        assertEquals(booked.get("id"), again.get("id"), "a retried booking is the same appointment");
        JsonNode last = answers.getLast();
        assertEquals("booking-4711", last.get("externalId").asText());
        assertTrue(last.get("cancelled").asBoolean(), "the last example cancels it");
        assertEquals("paid", last.get("paymentStatus").asText());
        assertEquals("2030-05-04T08:00:00Z", last.get("scheduledAt").asText(), "moved by the PATCH example");

        HttpResponse<String> openApi = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.baseUri().resolve("/api/integration/v1/openapi.yaml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, openApi.statusCode());
        assertTrue(openApi.body().contains("/appointments/{externalId}/payment:"), "the README's OpenAPI file");
    }

    /** The section's {@code sh} blocks that are curl commands, in order. */
    private static List<String> curlExamples() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("## Connecting your booking system");
        assertTrue(start >= 0, "README.md has the section");
        int end = readme.indexOf("\n## ", start + 1);
        Matcher m = SH_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).strip().startsWith("curl ")) {
                blocks.add(m.group(1));
            }
        }
        return blocks;
    }

    private JsonNode run(String command, String key) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(false);
        URI base = server.baseUri();
        pb.environment().put("CARECALL_URL", base.toString());
        pb.environment().put("CARECALL_KEY", key);
        Process p = pb.start();
        String out;
        String err;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl finished");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "curl failed: " + err + out + "\n" + command);
        return CODEC.tree(out);
    }
}
