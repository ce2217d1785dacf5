package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** A doctor's lobby socket on {@code /ws/lobby}: it only listens for {@code callStatus} changes (and answers ping). */
public final class LobbySocket extends RegisteringSocket {
    private final Calls calls;

    public LobbySocket(Calls calls, Tokens tokens, ProtocolCodec codec, ScheduledExecutorService timer,
                       Duration registerTimeout, Duration keepAlive, CallMetrics metrics) {
        super(tokens, codec, timer, registerTimeout, keepAlive, metrics);
        this.calls = calls;
    }

    @Override
    void register(Participant participant, Caller caller, String requestId) {
        calls.registerLobby(participant, caller, requestId);
    }

    @Override
    void handle(Participant participant, ClientMessage message) {
        switch (message) {
            case ClientMessage.Ping p -> participant.send(new ServerMessage.Pong(p.requestId()));
            case ClientMessage.Register r -> throw new CareCallException(ErrorCode.FORBIDDEN,
                    "This connection is registered already.");
            case ClientMessage.StartCall s -> throw notHere();
            case ClientMessage.JoinCall j -> throw notHere();
            case ClientMessage.EndCall e -> throw notHere();
            case ClientMessage.Signal s -> throw notHere();
            case ClientMessage.MediaState m -> throw notHere();
            case ClientMessage.ScreenShare s -> throw notHere();
            case ClientMessage.Chat c -> throw notHere();
        }
    }

    @Override
    void closed(Participant participant) {
        calls.leaveLobby(participant);
    }

    private static CareCallException notHere() {
        return new CareCallException(ErrorCode.FORBIDDEN,
                "The lobby only reports call status; open the appointment's room for calls.");
    }
}
