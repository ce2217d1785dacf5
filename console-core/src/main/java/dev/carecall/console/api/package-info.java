/**
 * The backend's REST API as the console uses it: checking the server ({@code GET /api/info}), sign-in,
 * appointments, call state. Failures are typed ({@link dev.carecall.console.api.ApiException.Problem}) so the
 * desktop console translates them once into plain language.
 */
package dev.carecall.console.api;
