package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.RelayedSignal;
import dev.carecall.protocol.RoomRequest;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One socket on {@code /ws/appointments/{appointmentId}}. Helidon makes one listener per connection and does not
 * pass the route's path parameters to it, so the appointment id is read from the upgrade request's path.
 */
public final class RoomSocket extends RegisteringSocket {
    private static final String PREFIX = "/ws/appointments/";

    private final Calls calls;
    private final CallRelay callRelay;
    private final ProtocolCodec codec;
    private final Allowance allowance;
    private long appointmentId = -1;

    public RoomSocket(Calls calls, Tokens tokens, ProtocolCodec codec, ScheduledExecutorService timer,
                      Duration registerTimeout, Duration keepAlive, CallMetrics metrics, RelaySettings relay) {
        super(tokens, codec, timer, registerTimeout, keepAlive, metrics, relay);
        this.calls = calls;
        this.callRelay = calls.relay();
        this.codec = codec;
        this.allowance = new Allowance(relay, metrics);
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        String path = prologue.uriPath().path();
        if (path.startsWith(PREFIX)) {
            try {
                appointmentId = Long.parseLong(path.substring(PREFIX.length()).replaceAll("/+$", ""));
            } catch (NumberFormatException e) {
                appointmentId = -1; // answered at register: no such appointment
            }
        }
        return Optional.empty();
    }

    @Override
    void register(Participant participant, Caller caller, String requestId) {
        if (appointmentId < 0) {
            throw new CareCallException(ErrorCode.APPOINTMENT_NOT_FOUND,
                    "This address names no appointment. Open the link you received.");
        }
        calls.register(participant, caller, appointmentId, requestId);
    }

    @Override
    void handle(Participant participant, RoomRequest request) {
        allowance.spend(request);
        switch (request) {
            case ClientMessage.StartCall s -> calls.start(participant.caller(), appointmentId, participant::isOpen);
            case ClientMessage.JoinCall j -> calls.join(participant.caller(), appointmentId, participant::isOpen);
            case ClientMessage.EndCall e -> calls.end(participant.caller(), appointmentId, participant::isOpen);
            case ClientMessage.Signal s -> callRelay.signal(participant, appointmentId, s.signal());
            case ClientMessage.MediaState m -> callRelay.mediaState(participant, appointmentId, m.audio(), m.video());
            case ClientMessage.ScreenShare s -> callRelay.screenShare(participant, appointmentId, s.active());
            case ClientMessage.Chat c -> callRelay.chat(participant, appointmentId, c.text());
            case ClientMessage.MediaConnectionChanged m -> callRelay.mediaConnection(participant, appointmentId, m.state());
            case ClientMessage.ReadinessReport r -> calls.readiness(participant, appointmentId, r.readiness());
            case ClientMessage.Quality q -> callRelay.quality(participant, appointmentId, q.report());
        }
    }

    @Override
    boolean relaysSignals() {
        return true;
    }

    @Override
    void relay(Participant participant, RelayedSignal signal) {
        allowance.spendSignal();
        callRelay.signal(participant, appointmentId, signal, () -> {
            // Only for a party on another instance: the bus carries typed messages.
            ClientMessage.Signal typed = (ClientMessage.Signal) codec.decodeClient(signal.text());
            return typed.signal();
        });
    }

    @Override
    void closed(Participant participant) {
        calls.leave(participant, appointmentId);
    }
}
