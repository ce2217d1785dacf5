package dev.carecall.console.api;

import dev.carecall.protocol.rest.DoctorView;
import dev.carecall.protocol.rest.LoginResponse;
import dev.carecall.protocol.rest.ServerInfo;

import java.net.URI;

/**
 * A signed-in doctor: the server they reached, its REST client and their token.
 *
 * @param api    the REST client of that server
 * @param server what the server reported at {@code GET /api/info}
 * @param login  the sign-in answer (token, expiry, doctor)
 */
public record DoctorSession(CareCallApi api, ServerInfo server, LoginResponse login) {

    public String token() {
        return login.token();
    }

    public DoctorView doctor() {
        return login.doctor();
    }

    /** Where the WebSockets listen: rooms at {@code <base>/ws/appointments/{id}}, the lobby at {@code <base>/ws/lobby}. */
    public URI webSocketBaseUri() {
        return URI.create(server.websocketUrl());
    }
}
