/** The backend's REST API as the console uses it: sign-in, appointments, call state. */
package dev.carecall.console.api;
