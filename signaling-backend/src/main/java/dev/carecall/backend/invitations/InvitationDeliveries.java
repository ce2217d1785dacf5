package dev.carecall.backend.invitations;

import dev.carecall.backend.appointments.JoinLinks;
import dev.carecall.backend.integration.IntegrationStore;
import dev.carecall.backend.outbox.OutboxKind;
import dev.carecall.backend.outbox.OutboxWorker;

import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/** Hooks the mail and SMS deliveries into the outbox worker. */
public final class InvitationDeliveries {
    private InvitationDeliveries() {
    }

    /**
     * @param publicBase the server's public address for the links in invitations
     */
    public static void register(OutboxWorker worker, IntegrationStore store, JoinLinks joinLinks,
                                Supplier<URI> publicBase, InvitationSettings settings, Clock clock) {
        InvitationSource source = new InvitationSource(store, joinLinks, publicBase);
        SmsGateway sms = settings.smsGateway() == null ? new LogSmsGateway()
                : new HttpSmsGateway(settings.smsGateway(), settings.smsToken());
        worker.deliver(OutboxKind.EMAIL, new MailDelivery(source, settings, clock))
                .deliver(OutboxKind.SMS, new SmsDelivery(source, sms));
    }
}
