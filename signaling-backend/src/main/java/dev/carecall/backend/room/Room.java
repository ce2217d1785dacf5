package dev.carecall.backend.room;

import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CallSession;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.CallEventView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One appointment's room: its two sockets and a copy of its call state. Everything except the two socket fields
 * is touched only by tasks on {@link #queue}; the socket fields are volatile because the call-status endpoint reads
 * them from request threads.
 */
final class Room {
    /** Signaling events kept per session; a call that renegotiates endlessly must not grow the row without end. */
    private static final int MAX_LOG = 500;

    final long appointmentId;
    final long doctorId;
    final RoomQueue queue;

    private volatile Participant doctor;
    private volatile Participant patient;

    CallStatus status = CallStatus.INACTIVE;
    Long sessionId;
    /** Who started the waiting or running call; null when none runs. */
    Role startedBy;
    /** Who started the current or last call. */
    Role lastStartedBy;
    Instant startedAt;
    Instant endedAt;
    private long logSessionId = -1;
    private List<CallEventView> log = new ArrayList<>();

    Room(Appointment appointment, RoomQueue queue) {
        this.appointmentId = appointment.id();
        this.doctorId = appointment.doctorId();
        this.queue = queue;
    }

    Participant get(Role role) {
        return role == Role.DOCTOR ? doctor : patient;
    }

    /** Puts the socket in the role's seat; returns the one it replaced, or null. */
    Participant set(Role role, Participant participant) {
        Participant old = get(role);
        if (role == Role.DOCTOR) {
            doctor = participant;
        } else {
            patient = participant;
        }
        return old;
    }

    boolean connected(Role role) {
        return get(role) != null;
    }

    void sendTo(Role role, ServerMessage message) {
        Participant p = get(role);
        if (p != null) {
            p.send(message);
        }
    }

    void broadcast(ServerMessage message) {
        sendTo(Role.DOCTOR, message);
        sendTo(Role.PATIENT, message);
    }

    /** Takes over the stored state (the database is the truth; this is a copy for the signaling fast path). */
    void refresh(Appointment appointment, Optional<CallSession> latest) {
        status = appointment.callStatus();
        lastStartedBy = appointment.callStartedBy();
        startedBy = status.isLive() ? lastStartedBy : null;
        startedAt = appointment.callStartedAt();
        endedAt = appointment.callEndedAt();
        sessionId = latest.map(CallSession::id).orElse(null);
        latest.ifPresent(s -> {
            if (logSessionId != s.id()) {
                // First sight of this session here (e.g. after a restart): continue its stored log.
                logSessionId = s.id();
                log = new ArrayList<>(s.events());
            }
        });
    }

    /** Starts the log of a new session. */
    List<CallEventView> newLog(CallEventView first) {
        log = new ArrayList<>(List.of(first));
        logSessionId = -1;
        return List.copyOf(log);
    }

    void attachLog(long session) {
        logSessionId = session;
    }

    void record(Instant at, String event, Role from) {
        if (log.size() < MAX_LOG) {
            log.add(new CallEventView(at, event, from));
        }
    }

    List<CallEventView> log() {
        return List.copyOf(log);
    }

    /** The in-memory log of this session if it is the one being recorded here (fresher than the stored one). */
    Optional<List<CallEventView>> liveLog(long session) {
        return session == logSessionId ? Optional.of(List.copyOf(log)) : Optional.empty();
    }
}
