package dev.carecall.console.history;

import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallQualityView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.ChatLineView;
import dev.carecall.protocol.rest.QualityFigures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistoryWordsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant T0 = Instant.parse("2026-12-02T13:30:00Z");

    @Test
    void aCallWithAReconnectReadsAsSentencesInTheDoctorsTimeZone() {
        SessionItem item = words(Language.ENGLISH).session(call());
        assertEquals("Today, 14:30 · 12 min 5 s", item.heading());
        assertEquals("You ended the call.", item.outcome());
        assertEquals(List.of(
                        new SessionItem.TimedLine("14:30:00", "Maria Silva started the call."),
                        new SessionItem.TimedLine("14:30:04", "You joined."),
                        new SessionItem.TimedLine("14:33:00", "Maria Silva's connection dropped."),
                        new SessionItem.TimedLine("14:33:03", "Maria Silva connected."),
                        new SessionItem.TimedLine("14:34:00", "Maria Silva's picture and sound broke off."),
                        new SessionItem.TimedLine("14:34:05", "Maria Silva's picture and sound came back."),
                        new SessionItem.TimedLine("14:42:09", "You ended the call.")),
                item.timeline());
        assertEquals(List.of(new SessionItem.ChatEntry("14:31:00", "Maria Silva", false, "Hello"),
                new SessionItem.ChatEntry("14:31:10", "You", true, "Hello, Maria.")), item.transcript());
        assertEquals("", item.transcriptNote());
        assertEquals(List.of(
                        new SessionItem.Figure("Reconnects", "1"),
                        new SessionItem.Figure("Breaks in picture and sound", "1 (5 s in all)"),
                        new SessionItem.Figure("As Maria Silva's browser measured it", ""),
                        new SessionItem.Figure("Connection", "Through a relay server (srflx ↔ relay)"),
                        new SessionItem.Figure("Round trip (median / worst)", "45 / 312.5 ms"),
                        new SessionItem.Figure("Packets lost (median / worst)", "0.5 / 12 %"),
                        new SessionItem.Figure("Sent / received (median)", "850 / – kbit/s"),
                        new SessionItem.Figure("Time at poor quality", "1 min 10 s")),
                item.quality());
        assertEquals("", item.qualityNote());
    }

    @Test
    void germanHasItsOwnWordsAndNumbers() {
        SessionItem item = words(Language.GERMAN).session(call());
        assertEquals("Heute, 14:30 · 12 min 5 s", item.heading());
        assertEquals("Die Verbindung von Maria Silva brach ab.", item.timeline().get(2).text());
        assertEquals(new SessionItem.Figure("Umlaufzeit (Median / schlechteste)", "45 / 312,5 ms"),
                item.quality().get(4));
        assertEquals("Sie", item.transcript().get(1).who());
    }

    @Test
    void aCallNobodyJoinedThatTheServerEnded() {
        CallSessionView s = new CallSessionView(9, CallStatus.ENDED, Role.DOCTOR, T0, null, T0.plusSeconds(120),
                null, List.of(), CallEndReason.ABANDONED,
                List.of(new CallEventView(T0, CallEvent.START_CALL, Role.DOCTOR),
                        new CallEventView(T0.plusSeconds(120), CallEvent.END_CALL, null)), List.of(), null, null);
        SessionItem item = words(Language.ENGLISH).session(s);
        assertEquals("Today, 14:30", item.heading());
        assertEquals("CareCall ended the call: both of you had left and nobody came back. Nobody else joined.",
                item.outcome());
        assertEquals("CareCall ended the call: both of you had left and nobody came back.",
                item.timeline().getLast().text());
        assertEquals(List.of(), item.quality());
        assertEquals("Nobody joined this call, so there is nothing to measure.", item.qualityNote());
        assertEquals("Nobody wrote in the chat.", item.transcriptNote());
    }

    @Test
    void aTenSecondCallIsTooShortToMeasureAndAnEnginePatientIsNotABrowser() {
        QualityFigures doctor = new QualityFigures(3, 0.0, 0.0, null, null, null, null, 0, ClientKind.CONSOLE,
                CandidateType.HOST, CandidateType.HOST);
        QualityFigures patient = new QualityFigures(6, 0.0, 7.0, null, null, 900L, 850L, 0, ClientKind.CONSOLE,
                null, null);
        CallSessionView s = new CallSessionView(8, CallStatus.ENDED, Role.DOCTOR, T0, T0.plusSeconds(1),
                T0.plusSeconds(11), Role.DOCTOR, List.of(), CallEndReason.HANGUP, List.of(), List.of(), null,
                new CallQualityView(0, 0, 0, doctor, patient));
        List<SessionItem.Figure> figures = words(Language.ENGLISH).session(s).quality();
        assertEquals(List.of(
                new SessionItem.Figure("Reconnects", "0"),
                new SessionItem.Figure("Breaks in picture and sound", "0"),
                new SessionItem.Figure("As your console measured it", ""),
                new SessionItem.Figure("Connection", "Direct (host ↔ host)"),
                new SessionItem.Figure("Too short to measure", "3 reports"),
                new SessionItem.Figure("As Maria Silva's CareCall app measured it", ""),
                new SessionItem.Figure("Round trip (median / worst)", "<1 / 7 ms"),
                new SessionItem.Figure("Packets lost (median / worst)", "not measured"),
                new SessionItem.Figure("Sent / received (median)", "900 / 850 kbit/s"),
                new SessionItem.Figure("Time at poor quality", "0 s")), figures);

        QualityFigures onOneMachine = new QualityFigures(8, 0.0, 0.0, 0.0, 0.0, 900L, 850L, 0, null, null, null);
        CallSessionView local = new CallSessionView(8, CallStatus.ENDED, Role.DOCTOR, T0, T0.plusSeconds(1),
                T0.plusSeconds(11), Role.DOCTOR, List.of(), CallEndReason.HANGUP, List.of(), List.of(), null,
                new CallQualityView(0, 0, 0, null, onOneMachine));
        List<SessionItem.Figure> same = words(Language.ENGLISH).session(local).quality();
        assertEquals(new SessionItem.Figure("As Maria Silva's side measured it", ""), same.get(2));
        assertEquals(new SessionItem.Figure("Round trip (median / worst)", "under 1 ms"), same.get(3));
    }

    private static HistoryWords words(Language language) {
        return new HistoryWords(Texts.of(language), BERLIN, LocalDate.of(2026, 12, 2), "Maria Silva");
    }

    private static CallSessionView call() {
        List<CallEventView> timeline = List.of(
                new CallEventView(T0, CallEvent.START_CALL, Role.PATIENT),
                new CallEventView(T0.plusSeconds(4), CallEvent.JOIN_CALL, Role.DOCTOR),
                new CallEventView(T0.plusSeconds(180), CallEvent.DISCONNECTED, Role.PATIENT),
                new CallEventView(T0.plusSeconds(183), CallEvent.CONNECTED, Role.PATIENT),
                new CallEventView(T0.plusSeconds(240), CallEvent.MEDIA_INTERRUPTED, Role.PATIENT),
                new CallEventView(T0.plusSeconds(245), CallEvent.MEDIA_RESTORED, Role.PATIENT),
                new CallEventView(T0.plusSeconds(729), CallEvent.END_CALL, Role.DOCTOR));
        List<CallEventView> events = new java.util.ArrayList<>(timeline);
        return new CallSessionView(7, CallStatus.ENDED, Role.PATIENT, T0, T0.plusSeconds(4), T0.plusSeconds(729),
                Role.DOCTOR, events, CallEndReason.HANGUP, timeline,
                List.of(new ChatLineView(T0.plusSeconds(60), Role.PATIENT, "Hello"),
                        new ChatLineView(T0.plusSeconds(70), Role.DOCTOR, "Hello, Maria.")), null,
                new CallQualityView(1, 1, 5, null,
                        new QualityFigures(12, 45.0, 312.5, 0.5, 12.0, 850L, null, 70, ClientKind.BROWSER,
                                CandidateType.SRFLX, CandidateType.RELAY)));
    }
}
