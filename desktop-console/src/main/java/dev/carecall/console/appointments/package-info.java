/**
 * The doctor's appointment list: patient, time, paid or not, a live call-status badge and the Start / Join Call
 * button, kept current by the lobby socket.
 */
package dev.carecall.console.appointments;
