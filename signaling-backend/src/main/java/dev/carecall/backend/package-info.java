/**
 * The CareCall signaling backend. {@link dev.carecall.backend.Backend} opens what runs behind the web server
 * (database, sign-in, join links, call rooms, meters); {@link dev.carecall.backend.Main#setup} puts a Helidon SE
 * web server in front of it (REST, WebSocket rooms and lobby, the patient page, health, metrics, access log), the
 * one set-up that production, the demo and every test share; {@link dev.carecall.backend.CareCallServer} is the
 * running whole. Other modules' tests embed the server through
 * {@link dev.carecall.backend.CareCallServer#startForTests()}.
 */
package dev.carecall.backend;
