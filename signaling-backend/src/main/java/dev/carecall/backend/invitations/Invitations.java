package dev.carecall.backend.invitations;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.integration.ExternalAppointment;
import dev.carecall.backend.integration.IntegrationStore;
import dev.carecall.backend.outbox.Outbox;
import dev.carecall.backend.outbox.OutboxEntry;
import dev.carecall.backend.outbox.OutboxKind;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Puts invitations in the outbox: at booking (if the clinic gave an address or number), on "Send link", and a
 * reminder {@link InvitationSettings#reminderBefore()} ahead. What the mail says is made when it is sent, from the
 * appointment as it is then, so a moved appointment's mail has the new time.
 */
public final class Invitations {
    static final String INVITATION = "invitation";
    static final String REMINDER = "reminder";

    private final Outbox outbox;
    private final IntegrationStore store;
    private final CareCallStore careCall;
    private final InvitationSettings settings;
    private final Clock clock;
    private final ProtocolCodec codec = new ProtocolCodec();

    public Invitations(Outbox outbox, IntegrationStore store, CareCallStore careCall, InvitationSettings settings,
                       Clock clock) {
        this.outbox = outbox;
        this.store = store;
        this.careCall = careCall;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new booking: the invitation now and the reminder later, to every contact the clinic gave. */
    public void booked(ExternalAppointment a, String actor) {
        queue(a, INVITATION, "booked", clock.instant(), actor);
        Instant remindAt = a.scheduledAt().minus(settings.reminderBefore());
        if (!settings.reminderBefore().isZero() && remindAt.isAfter(clock.instant())) {
            // Keyed by the time: moving the appointment queues a new reminder; the old one finds it moved.
            queue(a, REMINDER, "at-" + a.scheduledAt().toEpochMilli(), remindAt, actor);
        }
    }

    /** The appointment moved: a reminder for the new time. */
    public void moved(ExternalAppointment a, String actor) {
        Instant remindAt = a.scheduledAt().minus(settings.reminderBefore());
        if (!settings.reminderBefore().isZero() && remindAt.isAfter(clock.instant())) {
            queue(a, REMINDER, "at-" + a.scheduledAt().toEpochMilli(), remindAt, actor);
        }
    }

    /** "Send link" in the console: the invitation once more, now. */
    public void sendLink(long appointmentId, String actor) {
        ExternalAppointment a = store.appointment(appointmentId).orElseThrow(() -> new CareCallException(
                ErrorCode.APPOINTMENT_NOT_FOUND, "There is no appointment " + appointmentId + "."));
        if (a.cancelledAt() != null) {
            throw new CareCallException(ErrorCode.APPOINTMENT_CANCELLED,
                    "The clinic cancelled this appointment, so no link is sent.");
        }
        if (a.email() == null && a.phone() == null) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "There is no e-mail address or mobile number for "
                    + "this patient. The clinic's booking system can add one.");
        }
        queue(a, INVITATION, "sent-" + clock.millis(), clock.instant(), actor);
    }

    /**
     * Where the appointment's invitation stands: {@code no_contact} (no address or number known), {@code none},
     * {@code pending}, {@code sent} or {@code failed}, for
     * its latest sending (booking or "Send link"; a reminder still waiting does not count). Failed if the mail or the
     * SMS of that sending failed for good.
     */
    public String status(long appointmentId) {
        List<OutboxEntry> invitations = outbox.ofAppointment(appointmentId).stream()
                .filter(e -> e.kind() == OutboxKind.EMAIL || e.kind() == OutboxKind.SMS)
                .filter(e -> e.dedupeKey().contains(":" + INVITATION + ":"))
                .sorted(Comparator.comparingLong(OutboxEntry::id)).toList();
        if (invitations.isEmpty()) {
            // "Send link" has nowhere to send to: the console greys it out.
            return store.appointment(appointmentId).filter(a -> a.email() == null && a.phone() == null)
                    .isPresent() ? "no_contact" : "none";
        }
        String latest = occasion(invitations.getLast());
        List<String> states = invitations.stream().filter(e -> occasion(e).equals(latest))
                .map(OutboxEntry::status).toList();
        return states.contains(OutboxEntry.FAILED) ? "failed"
                : states.contains(OutboxEntry.PENDING) ? "pending" : "sent";
    }

    private static String occasion(OutboxEntry e) {
        return e.dedupeKey().substring(e.dedupeKey().lastIndexOf(':') + 1);
    }

    private void queue(ExternalAppointment a, String purpose, String occasion, Instant due, String actor) {
        String payload = codec.toJson(new InvitationPayload(a.id(), purpose, a.scheduledAt()));
        boolean any = false;
        if (a.email() != null) {
            any |= outbox.enqueue(OutboxKind.EMAIL, a.email(), "email:" + purpose + ":" + a.id() + ":" + occasion,
                    payload, a.id(), due);
        }
        if (a.phone() != null) {
            any |= outbox.enqueue(OutboxKind.SMS, a.phone(), "sms:" + purpose + ":" + a.id() + ":" + occasion,
                    payload, a.id(), due);
        }
        if (any) {
            careCall.audit(clock.instant(), actor, purpose + "-queued", a.id(),
                    (a.email() != null ? "email" : "") + (a.email() != null && a.phone() != null ? " and " : "")
                            + (a.phone() != null ? "sms" : "") + (due.isAfter(clock.instant()) ? ", due " + due : ""));
        }
    }

    /**
     * What an invitation entry holds: which appointment, why, and for a reminder the time it reminds of.
     *
     * @param appointmentId the appointment
     * @param purpose       invitation or reminder
     * @param scheduledAt   the appointment's time when it was queued
     */
    record InvitationPayload(long appointmentId, String purpose, Instant scheduledAt) {
    }
}
