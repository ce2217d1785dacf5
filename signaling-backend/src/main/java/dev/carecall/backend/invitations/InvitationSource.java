package dev.carecall.backend.invitations;

import dev.carecall.backend.appointments.JoinLinks;
import dev.carecall.backend.integration.ExternalAppointment;
import dev.carecall.backend.integration.IntegrationStore;
import dev.carecall.backend.outbox.OutboxEntry;
import dev.carecall.protocol.ProtocolCodec;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads an invitation entry back into what to send: the appointment as it is now and its join link. Empty when
 * there is nothing to send any more (cancelled, or a reminder for a time the appointment no longer has).
 */
final class InvitationSource {
    private final IntegrationStore store;
    private final JoinLinks joinLinks;
    private final Supplier<URI> publicBase;
    private final ProtocolCodec codec = new ProtocolCodec();

    InvitationSource(IntegrationStore store, JoinLinks joinLinks, Supplier<URI> publicBase) {
        this.store = store;
        this.joinLinks = joinLinks;
        this.publicBase = publicBase;
    }

    /**
     * @param appointment the appointment now
     * @param purpose     invitation or reminder
     * @param text        what it says
     */
    record Prepared(ExternalAppointment appointment, String purpose, InvitationText text) {
    }

    Optional<Prepared> prepare(OutboxEntry entry) {
        Invitations.InvitationPayload payload = codec.fromJson(entry.payload(), Invitations.InvitationPayload.class);
        ExternalAppointment a = store.appointment(payload.appointmentId()).orElse(null);
        if (a == null || a.cancelledAt() != null) {
            return Optional.empty();
        }
        if (payload.purpose().equals(Invitations.REMINDER) && !a.scheduledAt().equals(payload.scheduledAt())) {
            return Optional.empty();
        }
        String link = joinLinks.url(publicBase.get(), a.id(), a.linkVersion(), a.scheduledAt());
        return Optional.of(new Prepared(a, payload.purpose(), new InvitationText(a, link)));
    }
}
