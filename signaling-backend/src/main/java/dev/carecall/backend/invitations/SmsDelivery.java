package dev.carecall.backend.invitations;

import dev.carecall.backend.outbox.Delivery;
import dev.carecall.backend.outbox.OutboxEntry;

import java.lang.System.Logger.Level;

/** Sends an invitation SMS through the configured gateway. */
final class SmsDelivery implements Delivery {
    private static final System.Logger LOG = System.getLogger(SmsDelivery.class.getName());

    private final InvitationSource source;
    private final SmsGateway gateway;

    SmsDelivery(InvitationSource source, SmsGateway gateway) {
        this.source = source;
        this.gateway = gateway;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailure {
        var prepared = source.prepare(entry);
        if (prepared.isEmpty()) {
            LOG.log(Level.INFO, "outbox " + entry.id() + ": nothing to send any more (cancelled or moved)");
            return;
        }
        gateway.send(entry.target(), prepared.get().text().sms(prepared.get().purpose()));
    }
}
