package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A STUN or TURN server for the peer connection, in the browser's {@code RTCIceServer} shape.
 *
 * @param urls       e.g. {@code stun:stun.example.org:3478} or {@code turn:turn.example.org:3478?transport=udp}
 * @param username   TURN user name, or null
 * @param credential TURN password, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceServer(List<String> urls, String username, String credential) {
    public IceServer {
        Fields.require(urls, "urls");
        if (urls.isEmpty()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'urls' must not be empty");
        }
        urls = List.copyOf(urls);
    }
}
