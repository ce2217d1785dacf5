/**
 * Command-line administration of a production database: adding doctors and appointments until a practice's own
 * booking system feeds CareCall. Runs against the configured database without starting the server.
 */
package dev.carecall.backend.admin;
