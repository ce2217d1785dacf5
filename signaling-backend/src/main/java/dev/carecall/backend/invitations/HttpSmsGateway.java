package dev.carecall.backend.invitations;

import dev.carecall.backend.outbox.Delivery.DeliveryFailure;
import dev.carecall.protocol.ProtocolCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The clinic's SMS gateway over HTTP: {@code POST <carecall.sms.gateway>} with {@code {"to":"+49…","text":"…"}} and,
 * if set, {@code Authorization: Bearer <carecall.sms.token>}. 2xx is sent; 400 and 422 (the gateway refuses the
 * number or text) are not retried; anything else is.
 */
final class HttpSmsGateway implements SmsGateway {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private final URI gateway;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    HttpSmsGateway(URI gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    @Override
    public void send(String to, String text) throws DeliveryFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CODEC.toJson(Map.of("to", to, "text", text))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new DeliveryFailure("the SMS gateway could not be reached: " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted", false);
        }
        if (status / 100 != 2) {
            throw new DeliveryFailure("the SMS gateway answered HTTP " + status, status == 400 || status == 422);
        }
    }
}
