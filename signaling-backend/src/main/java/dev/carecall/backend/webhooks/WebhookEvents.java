package dev.carecall.backend.webhooks;

import dev.carecall.backend.integration.IntegrationStore;
import dev.carecall.backend.integration.ServiceClient;
import dev.carecall.backend.outbox.Outbox;
import dev.carecall.backend.outbox.OutboxKind;
import dev.carecall.backend.room.CallListener;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns call changes into webhook events, one outbox entry per event and per service key with a webhook address. */
public final class WebhookEvents implements CallListener {
    static final String CALL_STARTED = "call.started";
    static final String CALL_JOINED = "call.joined";
    static final String CALL_ENDED = "call.ended";
    static final String PATIENT_WAITING = "patient.waiting";

    private final IntegrationStore integration;
    private final Outbox outbox;
    private final ProtocolCodec codec;

    public WebhookEvents(IntegrationStore integration, Outbox outbox, ProtocolCodec codec) {
        this.integration = integration;
        this.outbox = outbox;
        this.codec = codec;
    }

    @Override
    public void changed(Change change) {
        List<ServiceClient> targets = integration.webhookTargets();
        if (targets.isEmpty()) {
            return;
        }
        String externalId = integration.externalId(change.appointmentId()).orElse(null);
        for (String type : types(change)) {
            String eventId = "evt_" + change.sessionId() + "_" + type;
            boolean ended = change.status() == CallStatus.ENDED;
            WebhookEvent event = new WebhookEvent(eventId, type, change.at(), new WebhookEvent.Data(
                    change.appointmentId(), externalId, change.sessionId(), change.startedBy().wireName(),
                    change.startedAt(), ended ? change.at() : null,
                    ended && change.endedBy() != null ? change.endedBy().wireName() : null,
                    ended && change.reason() != null ? change.reason().wireName() : null,
                    ended ? Duration.between(change.startedAt(), change.at()).toSeconds() : null));
            String payload = codec.toJson(event);
            for (ServiceClient target : targets) {
                outbox.enqueue(OutboxKind.WEBHOOK, Long.toString(target.id()),
                        "webhook:" + target.id() + ":" + eventId, payload, change.appointmentId());
            }
        }
    }

    private static List<String> types(Change change) {
        List<String> types = new ArrayList<>();
        switch (change.status()) {
            case WAITING -> {
                types.add(CALL_STARTED);
                // The patient is in and waits: what a clinic's front desk wants to see.
                if (change.startedBy() == Role.PATIENT) {
                    types.add(PATIENT_WAITING);
                }
            }
            case ACTIVE -> types.add(CALL_JOINED);
            case ENDED -> types.add(CALL_ENDED);
            case INACTIVE -> {
                // not a call change anybody announces
            }
        }
        return types;
    }
}
