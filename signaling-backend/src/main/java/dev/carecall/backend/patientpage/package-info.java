/**
 * Serves the patient's page from the patient-web jar (classpath {@code carecall/patient-web/}): {@code /join/{id}}
 * answers its {@code index.html} (the token stays in the query, for the page to read), {@code /patient/<file>} its
 * modules, styles and images. Same origin as the API and the WebSocket, so the page needs no CORS.
 */
package dev.carecall.backend.patientpage;
