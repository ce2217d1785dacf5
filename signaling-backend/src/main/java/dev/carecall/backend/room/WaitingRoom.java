package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.storage.WaitingRoomStore;
import dev.carecall.backend.storage.WaitingRoomStore.NoteKind;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Protocol;
import dev.carecall.protocol.Readiness;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.CallStatusView;

import java.time.Instant;

/**
 * The waiting room: a patient who started the call waits for the doctor, who sees their pre-call check, can write to
 * them ("I'm running 5 minutes late") or decline them with a reason. Everything runs on the room's queue, like the
 * call's own transitions; what must survive a reload or a restart (the notes, the check) is stored first.
 */
final class WaitingRoom {
    private final Calls calls;
    private final AppointmentAccess access;
    private final WaitingRoomStore store;
    private final Lobby lobby;

    WaitingRoom(Calls calls, AppointmentAccess access, WaitingRoomStore store, Lobby lobby) {
        this.calls = calls;
        this.access = access;
        this.store = store;
        this.lobby = lobby;
    }

    /** The patient's page sent its pre-call check: kept, and shown to the doctor's list at once. */
    void readiness(Participant participant, long appointmentId, Readiness readiness) {
        if (participant.caller() == null || participant.caller().role() != Role.PATIENT) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "Only the patient's page sends its pre-call check.");
        }
        Room room = calls.seatedRoom(participant, appointmentId);
        room.queue.call(() -> {
            Instant now = room.now();
            store.saveReadiness(appointmentId, readiness, now);
            lobby.tell(room.doctorId, new ServerMessage.PatientReadiness(appointmentId, readiness, now));
            return null;
        }, participant::isOpen);
    }

    /** On the room's queue, after a start: a patient who knocks brings their stored check to the doctor's list. */
    void knocked(Room room, Role actor) {
        if (actor == Role.PATIENT && room.status() == CallStatus.WAITING && room.liveStarter() == Role.PATIENT) {
            store.readiness(room.appointmentId).ifPresent(stored -> lobby.tell(room.doctorId,
                    new ServerMessage.PatientReadiness(room.appointmentId, stored.readiness(), stored.receivedAt())));
        }
    }

    /**
     * On the room's queue, after a patient's socket registered: the waiting call's messages again, or why the last
     * call was declined, so a reloaded page shows what the one before showed.
     */
    void registered(Room room, Participant participant, Role role) {
        Long session = room.sessionId();
        if (role != Role.PATIENT || session == null) {
            return;
        }
        boolean waiting = room.status() == CallStatus.WAITING;
        if (!waiting && room.status() != CallStatus.ENDED) {
            return;
        }
        for (WaitingRoomStore.Note note : store.notes(session)) {
            if (waiting && note.kind() == NoteKind.MESSAGE) {
                participant.send(new ServerMessage.WaitingMessage(session, note.text(), note.sentAt()));
            } else if (!waiting && note.kind() == NoteKind.DECLINE) {
                participant.send(new ServerMessage.CallDeclined(session, note.text(), note.sentAt()));
            }
        }
    }

    /** The doctor writes to the waiting patient. */
    void message(Caller caller, long appointmentId, String text) {
        String checked = checkText(text, "text");
        calls.inRoom(doctorsAppointment(caller, appointmentId), () -> true, room -> {
            long session = requirePatientWaiting(room);
            Instant now = room.now();
            store.addNote(session, NoteKind.MESSAGE, checked, now);
            room.seats.sendTo(Role.PATIENT, new ServerMessage.WaitingMessage(session, checked, now));
            return null;
        });
    }

    /** The doctor declines the waiting patient: the patient reads why, then the call ends as declined. */
    CallStatusView decline(Caller caller, long appointmentId, String reason) {
        String checked = checkText(reason, "reason");
        return calls.inRoom(doctorsAppointment(caller, appointmentId), () -> true, room -> {
            long session = requirePatientWaiting(room);
            Instant now = room.now();
            store.addNote(session, NoteKind.DECLINE, checked, now);
            room.seats.sendTo(Role.PATIENT, new ServerMessage.CallDeclined(session, checked, now));
            room.end(Role.DOCTOR, caller.auditName(), CallEndReason.DECLINED);
            return room.statusView();
        });
    }

    private dev.carecall.backend.storage.Appointment doctorsAppointment(Caller caller, long appointmentId) {
        var appointment = access.authorize(caller, appointmentId);
        if (!(caller instanceof Caller.Doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "Only the doctor writes to the waiting room.");
        }
        return appointment;
    }

    private static long requirePatientWaiting(Room room) {
        if (room.status() != CallStatus.WAITING || room.liveStarter() != Role.PATIENT) {
            throw new CareCallException(ErrorCode.NO_ACTIVE_CALL,
                    "Nobody is waiting: the patient has not started the call, or it has begun or ended.");
        }
        return room.sessionId();
    }

    private static String checkText(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "Write a few words for the patient ('" + field
                    + "' is empty).");
        }
        String stripped = text.strip();
        if (stripped.length() > Protocol.MAX_WAITING_TEXT_LENGTH) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "'" + field + "' is longer than "
                    + Protocol.MAX_WAITING_TEXT_LENGTH + " characters.");
        }
        return stripped;
    }
}
