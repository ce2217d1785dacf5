/**
 * The durable outbox: what must reach another system (webhooks, invitation mails and SMS) is stored as a row first
 * and delivered by a worker that retries with back-off, so neither a receiver's failure nor a restart loses it.
 */
package dev.carecall.backend.outbox;
