package dev.carecall.backend.webhooks;

import dev.carecall.backend.integration.IntegrationStore;
import dev.carecall.backend.integration.ServiceClient;
import dev.carecall.backend.outbox.Delivery;
import dev.carecall.backend.outbox.OutboxEntry;
import dev.carecall.protocol.ProtocolCodec;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs a webhook to its service key's address, signed with the key's secret at the moment of sending (a retry gets
 * a fresh timestamp, so it passes the receiver's replay window). Any answer but 2xx is retried.
 */
public final class WebhookDelivery implements Delivery {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private final IntegrationStore integration;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebhookDelivery(IntegrationStore integration, Clock clock) {
        this.integration = integration;
        this.clock = clock;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailure {
        ServiceClient target = integration.activeKey(Long.parseLong(entry.target())).orElse(null);
        if (target == null || target.webhookUrl() == null || target.webhookSecret() == null) {
            throw new DeliveryFailure("the service key was revoked or has no webhook address", true);
        }
        String type = CODEC.tree(entry.payload()).path("type").asText();
        HttpRequest request = HttpRequest.newBuilder(target.webhookUrl())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "CareCall-Webhooks/1")
                .header("CareCall-Event", type)
                .header("CareCall-Delivery", Long.toString(entry.id()))
                .header(WebhookSignature.HEADER, WebhookSignature.header(target.webhookSecret(),
                        clock.instant().getEpochSecond(), entry.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(entry.payload()))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryFailure("could not reach " + target.webhookUrl().getHost() + ": "
                    + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted", false);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryFailure("the receiver answered HTTP " + response.statusCode(), false);
        }
    }
}
