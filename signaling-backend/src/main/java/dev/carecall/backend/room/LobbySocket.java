package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.RoomRequest;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** A doctor's lobby socket on {@code /ws/lobby}: it only listens for {@code callStatus} changes (and answers ping). */
public final class LobbySocket extends RegisteringSocket {
    private final Calls calls;

    public LobbySocket(Calls calls, Tokens tokens, ProtocolCodec codec, ScheduledExecutorService timer,
                       Duration registerTimeout, Duration keepAlive, CallMetrics metrics, RelaySettings relay) {
        super(tokens, codec, timer, registerTimeout, keepAlive, metrics, relay);
        this.calls = calls;
    }

    @Override
    void register(Participant participant, Caller caller, String requestId) {
        calls.registerLobby(participant, caller, requestId);
    }

    /** Every call action belongs on an appointment's room socket. */
    @Override
    void handle(Participant participant, RoomRequest request) {
        throw new CareCallException(ErrorCode.FORBIDDEN,
                "The lobby only reports call status; open the appointment's room for calls.");
    }

    @Override
    void closed(Participant participant) {
        calls.leaveLobby(participant);
    }
}
