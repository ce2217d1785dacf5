/**
 * End-to-end tests: the real backend in-process, the patient page in Debian's Chromium (Selenium), and the doctor's
 * side as the console's WebRTC call engine. {@link dev.carecall.e2e.PatientBrowser} drives one Chromium.
 */
package dev.carecall.e2e;
