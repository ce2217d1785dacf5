/**
 * Invitations that reach the patient: the join link by mail (plain text, HTML and an {@code .ics} calendar entry,
 * the time in the patient's time zone) and by SMS, when an appointment is booked, on "Send link", and as a reminder;
 * all through the durable outbox.
 */
package dev.carecall.backend.invitations;
