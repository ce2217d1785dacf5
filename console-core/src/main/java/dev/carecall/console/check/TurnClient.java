package dev.carecall.console.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A minimal STUN/TURN client (RFC 5389, RFC 5766) over one transport: a binding request (which address does the
 * server see?), an allocation with the long-term credential mechanism, permissions, and data through the relay with
 * Send and Data indications. Enough to prove that a network lets media through the clinic's TURN server; calls use
 * WebRTC's own ICE agent. One thread at a time.
 */
final class TurnClient implements AutoCloseable {
    private static final Duration STREAM_WAIT = Duration.ofSeconds(5);
    private static final Duration[] UDP_RETRANSMITS = {Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2)};

    /** Data that arrived through the relay, and from where. */
    record Data(InetSocketAddress peer, byte[] bytes) {
    }

    private final StunTransport transport;
    private final String username;
    private final String password;
    private final Deque<StunMessage> indications = new ArrayDeque<>();
    private String realm;
    private String nonce;
    private byte[] key;

    TurnClient(StunTransport transport, String username, String password) {
        this.transport = transport;
        this.username = username;
        this.password = password;
    }

    /** This computer's address as the server sees it (XOR-MAPPED-ADDRESS). */
    InetSocketAddress binding() throws TurnException {
        StunMessage answer = request(StunMessage.of(StunMessage.BINDING_REQUEST), false);
        if (answer.isError()) {
            throw new TurnException(TurnException.Kind.REFUSED, answer.errorCode(), "binding refused: "
                    + answer.errorCode());
        }
        return answer.address(StunMessage.XOR_MAPPED_ADDRESS).orElseThrow(() -> new TurnException(
                TurnException.Kind.REFUSED, 0, "binding answer without XOR-MAPPED-ADDRESS"));
    }

    /** Allocates a UDP relay; returns the relayed address other parties send to. */
    InetSocketAddress allocate() throws TurnException {
        StunMessage answer = authenticated(() -> StunMessage.of(StunMessage.ALLOCATE_REQUEST)
                .with(StunMessage.REQUESTED_TRANSPORT, StunMessage.udpTransport()));
        return answer.address(StunMessage.XOR_RELAYED_ADDRESS).orElseThrow(() -> new TurnException(
                TurnException.Kind.REFUSED, 0, "allocation answer without XOR-RELAYED-ADDRESS"));
    }

    /** Lets {@code peer} send to this relay (and this client send to it). */
    void permit(InetSocketAddress peer) throws TurnException {
        authenticated(() -> StunMessage.of(StunMessage.CREATE_PERMISSION_REQUEST)
                .withAddress(StunMessage.XOR_PEER_ADDRESS, peer));
    }

    /** Sends bytes from the relay to {@code peer} (a Send indication: no answer). */
    void send(InetSocketAddress peer, byte[] bytes) throws IOException {
        transport.send(StunMessage.of(StunMessage.SEND_INDICATION)
                .withAddress(StunMessage.XOR_PEER_ADDRESS, peer).with(StunMessage.DATA, bytes).encode(null));
    }

    /** The next data that came through the relay within the timeout. */
    Optional<Data> receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            StunMessage message = indications.pollFirst();
            if (message == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                message = transport.receive(Duration.ofNanos(left)).orElse(null);
                if (message == null) {
                    return Optional.empty();
                }
            }
            if (message.type() == StunMessage.DATA_INDICATION && message.attributes().containsKey(StunMessage.DATA)) {
                Optional<InetSocketAddress> peer = message.address(StunMessage.XOR_PEER_ADDRESS);
                if (peer.isPresent()) {
                    return Optional.of(new Data(peer.get(), message.attributes().get(StunMessage.DATA)));
                }
            }
        }
    }

    /** Gives the relay back (a refresh with lifetime 0); a failure only means it times out by itself. */
    void release() {
        if (key == null) {
            return;
        }
        try {
            authenticated(() -> StunMessage.of(StunMessage.REFRESH_REQUEST)
                    .with(StunMessage.LIFETIME, StunMessage.lifetime(0)));
        } catch (TurnException e) {
            // the allocation expires on the server by itself
        }
    }

    @Override
    public void close() {
        transport.close();
    }

    private interface Request {
        StunMessage make();
    }

    /**
     * Sends a request with the long-term credential: the first try without, to learn realm and nonce from the 401
     * (or again after a 438 stale nonce), then signed.
     */
    private StunMessage authenticated(Request make) throws TurnException {
        for (int attempt = 0; attempt < 3; attempt++) {
            StunMessage request = make.make();
            if (key != null) {
                request.with(StunMessage.USERNAME, username).with(StunMessage.REALM, realm)
                        .with(StunMessage.NONCE, nonce);
            }
            StunMessage answer = request(request, key != null);
            if (!answer.isError()) {
                return answer;
            }
            int code = answer.errorCode();
            boolean challenge = (code == 401 && key == null) || code == 438;
            if (!challenge) {
                TurnException.Kind kind = code == 401 ? TurnException.Kind.CREDENTIAL_REFUSED
                        : TurnException.Kind.REFUSED;
                throw new TurnException(kind, code, "TURN answered " + code + " "
                        + answer.text(StunMessage.ERROR_CODE).map(t -> t.substring(Math.min(4, t.length())))
                        .orElse(""));
            }
            realm = answer.text(StunMessage.REALM).orElse(realm);
            nonce = answer.text(StunMessage.NONCE).orElse(nonce);
            if (realm == null || nonce == null) {
                throw new TurnException(TurnException.Kind.REFUSED, code, "401 without realm or nonce");
            }
            key = StunMessage.longTermKey(username, realm, password);
        }
        throw new TurnException(TurnException.Kind.CREDENTIAL_REFUSED, 401, "the server kept asking for credentials");
    }

    /** Sends and waits for the answer; UDP retransmits as RFC 5389 says, streams wait once. */
    private StunMessage request(StunMessage request, boolean signed) throws TurnException {
        byte[] wire = request.encode(signed ? key : null);
        Duration[] waits = transport.kind() == StunTransport.Kind.UDP ? UDP_RETRANSMITS
                : new Duration[]{STREAM_WAIT};
        try {
            for (Duration wait : waits) {
                transport.send(wire);
                long deadline = System.nanoTime() + wait.toNanos();
                long left;
                while ((left = deadline - System.nanoTime()) > 0) {
                    Optional<StunMessage> message = transport.receive(Duration.ofNanos(left));
                    if (message.isEmpty()) {
                        break;
                    }
                    if (message.get().answers(request)) {
                        return message.get();
                    }
                    if (message.get().type() == StunMessage.DATA_INDICATION) {
                        indications.addLast(message.get());
                    }
                }
            }
        } catch (IOException e) {
            throw new TurnException(TurnException.Kind.CONNECT_FAILED, 0, transport.kind() + ": " + e, e);
        }
        throw new TurnException(TurnException.Kind.NO_ANSWER, 0, "no answer over " + transport.kind());
    }
}
