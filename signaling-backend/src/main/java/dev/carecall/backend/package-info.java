/**
 * The CareCall signaling backend: {@link dev.carecall.backend.CareCallServer} wires the features together (sign-in,
 * appointments, call rooms, the patient page, storage) into one Helidon SE web server; {@link
 * dev.carecall.backend.Main} starts it from the command line. Other modules' tests embed the server through
 * {@link dev.carecall.backend.CareCallServer#startForTests()}.
 */
package dev.carecall.backend;
