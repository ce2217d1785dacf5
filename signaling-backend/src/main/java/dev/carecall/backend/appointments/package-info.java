/**
 * The REST API of appointments and their calls ({@code /api/appointments/...}), the patients' join links, and the
 * server's self-description ({@code /api/info}) and sign-in ({@code /api/auth/login}) endpoints.
 */
package dev.carecall.backend.appointments;
