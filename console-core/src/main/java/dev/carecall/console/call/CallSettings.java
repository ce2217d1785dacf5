package dev.carecall.console.call;

import dev.carecall.console.media.MediaSettings;
import dev.carecall.protocol.Role;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.util.Objects;

/**
 * What one call engine needs: where the backend's WebSockets are, which appointment, who signs in, and which media.
 *
 * @param webSocketBaseUri {@code ws://host:port} or {@code wss://host:port}; the room is
 *                         {@code /ws/appointments/{appointmentId}} below it
 * @param appointmentId    the appointment whose call this is
 * @param token            the doctor's sign-in token, or the patient link's token
 * @param role             who this side is: the doctor is the impolite peer of perfect negotiation, the patient polite
 * @param media            camera, microphone, speaker and audio module choice
 * @param tls              trust for {@code wss://} (the clinic's own CA), or null for the JDK's default trust
 * @param relayOnly        use TURN relays only ({@code iceTransportPolicy: relay}): IT's diagnosis switch
 *                         ({@code ice.relayOnly=true} in the console's settings file) and the relay tests; never a
 *                         button, so no doctor turns it on by accident
 */
public record CallSettings(URI webSocketBaseUri, long appointmentId, String token, Role role, MediaSettings media,
                           SSLContext tls, boolean relayOnly) {
    public CallSettings {
        Objects.requireNonNull(webSocketBaseUri, "webSocketBaseUri");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(role, "role");
        media = media == null ? MediaSettings.defaults() : media;
    }

    /** Settings with every kind of ICE candidate allowed (not relay only). */
    public CallSettings(URI webSocketBaseUri, long appointmentId, String token, Role role, MediaSettings media,
                        SSLContext tls) {
        this(webSocketBaseUri, appointmentId, token, role, media, tls, false);
    }

    /** Settings with the JDK's default TLS trust. */
    public CallSettings(URI webSocketBaseUri, long appointmentId, String token, Role role, MediaSettings media) {
        this(webSocketBaseUri, appointmentId, token, role, media, null);
    }

    /** The appointment's room socket. */
    public URI roomUri() {
        return webSocketBaseUri.resolve("/ws/appointments/" + appointmentId);
    }
}
