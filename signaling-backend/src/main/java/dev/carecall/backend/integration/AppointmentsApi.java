package dev.carecall.backend.integration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.ErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Appointments as the clinic's booking and payment systems change them; each change audited with who made it. */
final class AppointmentsApi {
    private final IntegrationStore store;
    private final CareCallStore careCall;
    private final Clock clock;
    private final AppointmentChanges changes;

    AppointmentsApi(IntegrationStore store, CareCallStore careCall, Clock clock, AppointmentChanges changes) {
        this.store = store;
        this.careCall = careCall;
        this.clock = clock;
        this.changes = changes;
    }

    ExternalAppointment create(ServiceClient client, JsonNode body) {
        Fields f = Fields.of(body);
        String externalId = f.externalId("externalId", true);
        Long doctorId = doctor(f, true);
        String patientName = f.text("patientName", true, 200);
        Instant at = f.instant("scheduledAt", true);
        String timeZone = f.timeZone("timeZone");
        String language = f.language("language");
        String email = f.email("email");
        String phone = f.phone("phone");
        Boolean paid = f.bool("paid");
        f.check();
        if (store.appointment(externalId).isPresent()) {
            throw exists(externalId);
        }
        PaymentStatus payment = Boolean.TRUE.equals(paid) ? PaymentStatus.PAID : PaymentStatus.UNPAID;
        Instant now = clock.instant();
        long id;
        try {
            id = store.insertAppointment(externalId, doctorId, patientName, at, email, phone, language, timeZone,
                    payment, now);
        } catch (RuntimeException e) {
            if (IntegrationStore.isUniqueViolation(e)) {
                throw exists(externalId); // another request with the same externalId won the race
            }
            throw e;
        }
        careCall.audit(now, client.auditName(), "appointment-created", id, "externalId " + externalId);
        if (payment == PaymentStatus.PAID) {
            careCall.audit(now, client.auditName(), "payment-paid", id, "at creation");
        }
        changes.changed(id, doctorId);
        ExternalAppointment made = find(externalId);
        changes.booked(made, client.auditName());
        return made;
    }

    ExternalAppointment update(ServiceClient client, String externalId, JsonNode body) {
        ExternalAppointment a = find(externalId);
        if (a.cancelledAt() != null) {
            throw AppointmentAccess.cancelled();
        }
        Fields f = Fields.of(body);
        Long doctorId = f.has("doctorExternalId") || f.has("doctorUsername") ? doctor(f, false) : null;
        Instant at = f.instant("scheduledAt", false);
        String patientName = f.text("patientName", false, 200);
        String timeZone = f.timeZone("timeZone");
        String language = f.language("language");
        String email = f.email("email");
        String phone = f.phone("phone");
        f.check();
        ExternalAppointment changed = new ExternalAppointment(a.id(), a.externalId(),
                doctorId != null ? doctorId : a.doctorId(), a.doctorExternalId(), a.doctorUsername(), a.doctorName(),
                a.patientId(),
                patientName != null ? patientName : a.patientName(), at != null ? at : a.scheduledAt(),
                optional(f, "email", email, a.email()), optional(f, "phone", phone, a.phone()),
                optional(f, "language", language, a.language()), optional(f, "timeZone", timeZone, a.timeZone()),
                a.payment(), a.cancelledAt(), a.callStatus(), a.linkVersion());
        List<String> names = changedFields(a, changed);
        if (!names.isEmpty()) {
            store.updateAppointment(changed);
            careCall.audit(clock.instant(), client.auditName(), "appointment-updated", a.id(),
                    String.join(", ", names));
            changes.changed(a.id(), a.doctorId());
            if (changed.doctorId() != a.doctorId()) {
                changes.changed(a.id(), changed.doctorId());
            }
            if (!changed.scheduledAt().equals(a.scheduledAt())) {
                changes.moved(find(externalId), client.auditName());
            }
        }
        return find(externalId);
    }

    /** Cancels it (again: nothing changes); its call ends and its link stops working at once. */
    ExternalAppointment cancel(ServiceClient client, String externalId) {
        ExternalAppointment a = find(externalId);
        if (store.cancel(a.id(), clock.instant())) {
            careCall.audit(clock.instant(), client.auditName(), "appointment-cancelled", a.id(), null);
            changes.cancelled(a.id(), a.doctorId(), client.auditName());
        }
        return find(externalId);
    }

    /**
     * Paid or refunded. Refunded: a running call may finish (the room does not look again), a new one cannot start
     * (starting reads {@code paid} fresh).
     */
    ExternalAppointment payment(ServiceClient client, String externalId, JsonNode body) {
        ExternalAppointment a = find(externalId);
        Fields f = Fields.of(body);
        String status = f.text("status", true, 16);
        PaymentStatus payment = status == null ? null : PaymentStatus.fromWire(status)
                .filter(p -> p != PaymentStatus.UNPAID).orElse(null);
        if (status != null && payment == null) {
            f.problem("status", FieldProblem.INVALID, "status must be paid or refunded.");
        }
        f.check();
        if (payment == PaymentStatus.PAID && a.cancelledAt() != null) {
            throw AppointmentAccess.cancelled();
        }
        if (payment != a.payment()) {
            store.updatePayment(a.id(), payment);
            careCall.audit(clock.instant(), client.auditName(), "payment-" + payment.wireName(), a.id(),
                    "was " + a.payment().wireName());
            changes.changed(a.id(), a.doctorId());
        }
        return find(externalId);
    }

    ExternalAppointment find(String externalId) {
        return store.appointment(externalId).orElseThrow(() -> new CareCallException(
                ErrorCode.APPOINTMENT_NOT_FOUND, "There is no appointment with externalId " + externalId + "."));
    }

    /** The doctor named by doctorExternalId or doctorUsername (exactly one of them). */
    private Long doctor(Fields f, boolean required) {
        String external = f.externalId("doctorExternalId", false);
        String username = f.username("doctorUsername", false);
        if (external != null && username != null) {
            f.problem("doctorExternalId", FieldProblem.INVALID, "Give doctorExternalId or doctorUsername, not both.");
            return null;
        }
        if (external != null) {
            return store.doctor(external).map(ExternalDoctor::id).orElseGet(() -> {
                f.problem("doctorExternalId", FieldProblem.UNKNOWN_REFERENCE,
                        "There is no doctor with externalId " + external + "; create it with POST /doctors first.");
                return null;
            });
        }
        if (username != null) {
            return careCall.findDoctor(username).map(d -> d.id()).orElseGet(() -> {
                f.problem("doctorUsername", FieldProblem.UNKNOWN_REFERENCE, "There is no doctor named " + username
                        + ".");
                return null;
            });
        }
        if (required && !f.has("doctorExternalId") && !f.has("doctorUsername")) {
            f.problem("doctorExternalId", FieldProblem.MISSING, "doctorExternalId (or doctorUsername) is required.");
        }
        return null;
    }

    /** The new value, null when the client sent null (it clears the field), or the old one when absent. */
    private static String optional(Fields f, String name, String parsed, String old) {
        if (f.isNull(name)) {
            return null;
        }
        return f.has(name) ? parsed : old;
    }

    private static List<String> changedFields(ExternalAppointment a, ExternalAppointment b) {
        List<String> names = new ArrayList<>();
        if (a.doctorId() != b.doctorId()) {
            names.add("doctor");
        }
        if (!a.scheduledAt().equals(b.scheduledAt())) {
            names.add("scheduledAt");
        }
        if (!a.patientName().equals(b.patientName())) {
            names.add("patientName");
        }
        if (!Objects.equals(a.email(), b.email())) {
            names.add("email");
        }
        if (!Objects.equals(a.phone(), b.phone())) {
            names.add("phone");
        }
        if (!Objects.equals(a.language(), b.language())) {
            names.add("language");
        }
        if (!Objects.equals(a.timeZone(), b.timeZone())) {
            names.add("timeZone");
        }
        return names;
    }

    private static CareCallException exists(String externalId) {
        return new CareCallException(ErrorCode.CONFLICT, "An appointment with externalId " + externalId
                + " exists already. Change it with PATCH /api/integration/v1/appointments/" + externalId + ".");
    }
}
