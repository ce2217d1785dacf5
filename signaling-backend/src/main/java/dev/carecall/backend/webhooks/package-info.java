/**
 * Signed webhooks to the clinic's systems ({@code call.started}, {@code call.joined}, {@code call.ended},
 * {@code patient.waiting}), sent through the durable outbox.
 */
package dev.carecall.backend.webhooks;
