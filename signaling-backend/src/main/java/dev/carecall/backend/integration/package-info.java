/**
 * The integration API a clinic's booking and payment systems drive ({@code /api/integration/v1/}): service keys with
 * scopes, doctors and appointments under the clinic's own {@code externalId}, payment and cancellation, field-by-field
 * validation, and {@code Idempotency-Key} so a retried request never makes a duplicate.
 */
package dev.carecall.backend.integration;
