package dev.carecall.console.history;

import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallQualityView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.ChatLineView;
import dev.carecall.protocol.rest.QualityFigures;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the backend's {@link CallSessionView} into the sentences the history view shows, in the console's language
 * and the doctor's time zone. The doctor reads it, so the doctor is "you" and the patient is named. Each switch over a
 * protocol enum lists every value, so a new event or end reason does not compile until it has its words.
 */
final class HistoryWords {
    /** Fewer quality reports than this (one comes about every second) are too few to sum a call up. */
    static final int MIN_REPORTS = 5;

    private final Texts texts;
    private final ZoneId zone;
    private final LocalDate today;
    private final String patientName;
    private final DateTimeFormatter seconds;
    private final NumberFormat number;

    HistoryWords(Texts texts, ZoneId zone, LocalDate today, String patientName) {
        this.texts = texts;
        this.zone = zone;
        this.today = today;
        this.patientName = patientName;
        this.seconds = DateTimeFormatter.ofPattern(texts.get("format.timeSeconds"), texts.locale());
        this.number = NumberFormat.getNumberInstance(texts.locale());
        number.setMaximumFractionDigits(1);
    }

    SessionItem session(CallSessionView s) {
        List<SessionItem.TimedLine> timeline = new ArrayList<>();
        for (CallEventView e : s.timeline() == null ? List.<CallEventView>of() : s.timeline()) {
            event(e, s.endReason()).ifPresent(text -> timeline.add(new SessionItem.TimedLine(time(e.at()), text)));
        }
        List<ChatLineView> lines = s.transcript() == null ? List.of() : s.transcript();
        List<SessionItem.ChatEntry> transcript = lines.stream().map(l -> new SessionItem.ChatEntry(time(l.at()),
                l.from() == Role.DOCTOR ? texts.get("history.you") : patientName, l.from() == Role.DOCTOR,
                l.text())).toList();
        String transcriptNote = s.transcript() == null ? texts.get("history.transcript.notKept")
                : Boolean.TRUE.equals(s.transcriptTruncated()) ? texts.get("history.transcript.truncated")
                : transcript.isEmpty() ? texts.get("history.transcript.empty") : "";
        List<SessionItem.Figure> quality = s.quality() == null ? List.of() : quality(s.quality());
        String qualityNote = s.quality() == null ? texts.get("history.quality.nobodyJoined")
                : s.quality().doctor() == null && s.quality().patient() == null
                ? texts.get("history.quality.notReported") : "";
        return new SessionItem(s.id(), heading(s), outcome(s), timeline, quality, qualityNote, transcript,
                transcriptNote);
    }

    /** "Today, 14:30 · 12 min 5 s". */
    String heading(CallSessionView s) {
        ZonedDateTime local = s.startedAt().atZone(zone);
        LocalDate day = local.toLocalDate();
        String dayText = day.equals(today) ? texts.get("appointments.today")
                : day.equals(today.minusDays(1)) ? texts.get("appointments.yesterday")
                : texts.day().format(local);
        String when = texts.get("appointments.when", dayText, texts.time().format(local));
        if (s.joinedAt() == null || s.endedAt() == null) {
            return when;
        }
        return texts.get("history.heading", when, duration(Duration.between(s.joinedAt(), s.endedAt())));
    }

    /** "12 min 5 s", "45 s". */
    String duration(Duration d) {
        long total = Math.max(0, d.toSeconds());
        return total < 60 ? texts.get("history.duration.seconds", total)
                : texts.get("history.duration.minutes", total / 60, total % 60);
    }

    private String outcome(CallSessionView s) {
        if (s.status() != CallStatus.ENDED) {
            return texts.get(s.status() == CallStatus.WAITING ? "history.outcome.waiting" : "history.outcome.active");
        }
        String ended = ended(s.endedBy(), s.endReason());
        return s.joinedAt() == null ? texts.get("history.outcome.nobodyJoined", ended) : ended;
    }

    /** How the call ended: who hung up, or why the server ended it. */
    private String ended(Role endedBy, CallEndReason reason) {
        if (reason == null || reason == CallEndReason.HANGUP) {
            return endedBy == null ? texts.get("history.ended")
                    : texts.get(who("history.ended.by", endedBy), patientName);
        }
        return texts.get("history.ended.because", texts.get(switch (reason) {
            case HANGUP -> "history.reason.hangup";
            case SERVER_RESTART -> "history.reason.serverRestart";
            case ABANDONED -> "history.reason.abandoned";
            case PEER_LOST -> "history.reason.peerLost";
            case DECLINED -> "history.reason.declined";
            case CANCELLED -> "history.reason.cancelled";
        }));
    }

    /** A timeline entry's sentence; empty for the kinds of entry the timeline never holds. */
    private Optional<String> event(CallEventView e, CallEndReason reason) {
        String key = switch (e.event()) {
            case START_CALL -> "history.event.started";
            case JOIN_CALL -> "history.event.joined";
            case REJOIN_CALL -> "history.event.rejoined";
            case CONNECTED -> "history.event.connected";
            case RECONNECTED -> "history.event.reconnected";
            case DISCONNECTED -> "history.event.disconnected";
            case MEDIA_INTERRUPTED -> "history.event.mediaInterrupted";
            case MEDIA_RESTORED -> "history.event.mediaRestored";
            case SCREEN_SHARE_STARTED -> "history.event.shareStarted";
            case SCREEN_SHARE_STOPPED -> "history.event.shareStopped";
            case END_CALL -> null;
            case OFFER, ANSWER, PRANSWER, ROLLBACK, CANDIDATE, END_OF_CANDIDATES, MEDIA_STATE, CHAT,
                 QUALITY_SAMPLE -> "";
        };
        if (key == null) {
            return Optional.of(ended(e.from(), reason));
        }
        if (key.isEmpty() || e.from() == null) {
            return Optional.empty();
        }
        return Optional.of(texts.get(who(key, e.from()), patientName));
    }

    private List<SessionItem.Figure> quality(CallQualityView q) {
        List<SessionItem.Figure> figures = new ArrayList<>();
        figures.add(figure("history.quality.reconnects", String.valueOf(q.reconnects())));
        figures.add(figure("history.quality.interruptions", q.mediaInterruptions() == 0 ? "0"
                : texts.get("history.quality.interruptionsValue", q.mediaInterruptions(),
                duration(Duration.ofSeconds(q.mediaInterruptedSeconds())))));
        side(figures, Role.DOCTOR, q.doctor());
        side(figures, Role.PATIENT, q.patient());
        return figures;
    }

    /**
     * One side's figures under a heading that says what measured them. A call of a few seconds gives a few reports,
     * some before the first round trip was measured: its figures would read as "0 ms" and dashes, so it says it was
     * too short instead.
     */
    private void side(List<SessionItem.Figure> figures, Role side, QualityFigures f) {
        if (f == null) {
            return;
        }
        figures.add(new SessionItem.Figure(texts.get(heading(side, f.client()), patientName), ""));
        if (f.localCandidate() != null && f.remoteCandidate() != null) {
            boolean relayed = f.localCandidate() == CandidateType.RELAY || f.remoteCandidate() == CandidateType.RELAY;
            figures.add(figure("history.quality.connection", texts.get(relayed ? "history.quality.relayed"
                    : "history.quality.direct", f.localCandidate().wireName(), f.remoteCandidate().wireName())));
        }
        if (f.samples() < MIN_REPORTS) {
            figures.add(figure("history.quality.tooShort", texts.get("history.quality.tooShortValue", f.samples())));
            return;
        }
        figures.add(figure("history.quality.rtt", rtt(f.medianRttMs(), f.worstRttMs())));
        figures.add(figure("history.quality.loss", both("history.quality.lossValue", f.medianLossPercent(),
                f.worstLossPercent())));
        figures.add(figure("history.quality.bitrate", both("history.quality.bitrateValue", f.medianSendKbps(),
                f.medianReceiveKbps())));
        figures.add(figure("history.quality.poor", duration(Duration.ofSeconds(f.secondsPoor()))));
    }

    /** Who measured: the doctor's own console, or the patient's browser or CareCall app (or side, when unsaid). */
    private static String heading(Role side, ClientKind client) {
        if (side == Role.DOCTOR) {
            return "history.quality.doctor";
        }
        return client == null ? "history.quality.patient.unknown" : switch (client) {
            case BROWSER -> "history.quality.patient";
            case CONSOLE -> "history.quality.patient.console";
        };
    }

    /** A round trip on one network (or one machine) is under a millisecond: said so, not as "0 ms". */
    private String rtt(Double median, Double worst) {
        if (worst != null && worst < 1) {
            return texts.get("history.quality.underOneMs");
        }
        return median != null && median < 1 ? texts.get("history.quality.rttValue", "<1", n(worst))
                : both("history.quality.rttValue", median, worst);
    }

    /** Two figures in one value, or "not measured" when neither was. */
    private String both(String key, Number first, Number second) {
        return first == null && second == null ? texts.get("history.quality.notMeasured")
                : texts.get(key, n(first), n(second));
    }

    private SessionItem.Figure figure(String key, String value) {
        return new SessionItem.Figure(texts.get(key), value);
    }

    /** A figure in the console's language ("12,5" in German), or a dash when it was not measured. */
    private String n(Number value) {
        return value == null ? "–" : number.format(value);
    }

    private String time(Instant at) {
        return seconds.format(at.atZone(zone));
    }

    /** One text per role, since languages inflect differently for "you" and for the patient. */
    private static String who(String key, Role role) {
        return key + "." + switch (role) {
            case DOCTOR -> "doctor";
            case PATIENT -> "patient";
        };
    }
}
