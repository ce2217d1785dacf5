/**
 * The console's configuration: where the server is (sign-in screen, {@code --server},
 * {@code CARECALL_SERVER_URL}, per-user file, machine-wide file that clinic IT pushes, in that order), the clinic's
 * extra TLS CA, the chosen devices and language, and the last user name. Only the per-user file is written.
 */
package dev.carecall.console.config;
