package dev.carecall.backend.storage;

import dev.carecall.backend.BackendSettings;
import dev.carecall.backend.CareCallServer;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.RevokedTokens;
import dev.carecall.backend.history.TranscriptSettings;
import dev.carecall.backend.ice.IceServers;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.observe.Meters;
import dev.carecall.backend.quality.CallQualities;
import dev.carecall.backend.quality.QualityStore;
import dev.carecall.backend.quality.QualitySummary;
import dev.carecall.backend.room.Calls;
import dev.carecall.backend.room.Lobby;
import dev.carecall.backend.room.RelaySettings;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.QualityLevel;
import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.QualityReport;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallStatusView;
import dev.carecall.protocol.rest.ChatLineView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the store must do on every database it supports; one subclass per database runs the same tests against a
 * freshly migrated database of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class StorageContract {
    private static final Instant NOW = Instant.parse("2026-03-02T09:15:30.123Z");

    private Database database;
    private CareCallStore store;

    /** A database of this test class's own, empty. */
    abstract DatabaseSettings openDatabase();

    /** Drops what {@link #openDatabase()} created, if the database outlives the test. */
    void dropDatabase() {
    }

    @BeforeAll
    void migrate() {
        database = Database.open(openDatabase());
        store = new CareCallStore(database.client(), new ProtocolCodec());
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
        dropDatabase();
    }

    @Test
    void doctorsAreFoundByNameAndId() {
        Doctor created = store.createDoctor(unique("dr"), "$2a$10$hash", "Dr. Ana Costa", NOW);
        assertEquals(created, store.findDoctor(created.username()).orElseThrow());
        assertEquals(created, store.findDoctor(created.id()).orElseThrow());
        assertTrue(store.findDoctor("nobody-" + UUID.randomUUID()).isEmpty());
    }

    @Test
    void appointmentsKeepNamesTimesAndPaymentAndListInTimeOrder() {
        Doctor doctor = store.createDoctor(unique("dr"), "hash", "Dr. Jonas Berg", NOW);
        Instant later = NOW.plus(2, ChronoUnit.HOURS);
        long second = store.createAppointment(doctor.id(), store.createPatient("Tomás Álvarez", NOW), later, false);
        long first = store.createAppointment(doctor.id(), store.createPatient("Zoë O'Brien", NOW), NOW, true);

        Appointment a = store.findAppointment(second).orElseThrow();
        assertEquals("Tomás Álvarez", a.patientName());
        assertEquals("Dr. Jonas Berg", a.doctorName());
        assertEquals(later, a.scheduledAt());
        assertEquals(false, a.paid());
        assertEquals(CallStatus.INACTIVE, a.callStatus());
        assertNull(a.callStartedBy());
        assertNull(a.callStartedAt());
        assertEquals(List.of(first, second), store.appointmentsOf(doctor.id()).stream().map(Appointment::id).toList());
        assertTrue(store.findAppointment(Long.MAX_VALUE).isEmpty());
    }

    @Test
    void aCallsQualitySummaryIsStoredPerRoleAndRewrittenAsReportsArrive() {
        Doctor doctor = store.createDoctor(unique("dr"), "hash", "Dr. Ines Moreau", NOW);
        long id = store.createAppointment(doctor.id(), store.createPatient("Kofi Mensah", NOW), NOW, true);
        CallSession session = store.startSession(store.findAppointment(id).orElseThrow(), Role.DOCTOR, NOW,
                List.of(new CallEventView(NOW, CallEvent.START_CALL, Role.DOCTOR)));
        QualityStore qualityStore = new QualityStore(database.client());
        CallQualities qualities = new CallQualities(qualityStore);
        // The patient: two good seconds, then three poor ones losing packets on a weak upload.
        int[] rtt = {40, 50, 300, 420, 380};
        double[] loss = {0, 0.5, 12.5, 18, 15};
        int[] send = {900, 1100, 140, 120, 150};
        for (int i = 0; i < rtt.length; i++) {
            qualities.report(session.id(), Role.PATIENT, new QualityReport(i < 2 ? QualityLevel.GOOD : QualityLevel.POOR,
                    rtt[i], 20, send[i], 800, send[i], loss[i], loss[i], 12, 24, 24, "640x480", "640x480",
                    // Directly at first; an ICE restart moves the call onto a relay, which it keeps.
                    i < 2 ? CandidateType.HOST : CandidateType.RELAY, i < 2 ? CandidateType.HOST : CandidateType.SRFLX,
                    ClientKind.BROWSER), NOW.plusSeconds(i + 1));
        }
        qualities.report(session.id(), Role.DOCTOR, QualityReport.levelOnly(QualityLevel.FAIR), NOW.plusSeconds(1));
        qualities.ended(session.id());

        List<QualitySummary> stored = qualityStore.summariesOf(session.id());
        assertEquals(List.of(Role.DOCTOR, Role.PATIENT), stored.stream().map(QualitySummary::role).toList());
        QualitySummary patient = stored.get(1);
        assertEquals(5, patient.reports());
        assertEquals(300, patient.rttMedianMs());
        assertEquals(420, patient.rttWorstMs());
        assertEquals(12.5, patient.receiveLossMedianPct());
        assertEquals(18.0, patient.sendLossWorstPct());
        assertEquals(150, patient.sendKbpsMedian());
        assertEquals(120, patient.sendKbpsLowest());
        assertEquals(3, patient.secondsPoor());
        assertEquals(0, patient.secondsFair());
        assertEquals(NOW.plusSeconds(5), patient.updatedAt());
        assertEquals(ClientKind.BROWSER, patient.client());
        assertEquals(List.of(CandidateType.RELAY, CandidateType.SRFLX),
                List.of(patient.localCandidate(), patient.remoteCandidate()), "the pair the call ended on");
        QualitySummary doctorSide = stored.get(0);
        assertEquals(1, doctorSide.reports());
        assertNull(doctorSide.rttMedianMs());
        assertNull(doctorSide.client());
        assertNull(doctorSide.localCandidate());
        assertEquals(1, doctorSide.secondsFair());
    }

    @Test
    void aCallIsStoredFromStartToEndAndASecondCallIsANewSession() {
        Doctor doctor = store.createDoctor(unique("dr"), "hash", "Dr. Ana Costa", NOW);
        long id = store.createAppointment(doctor.id(), store.createPatient("Maria Schneider", NOW), NOW, true);
        Instant started = NOW.plusSeconds(60);
        Instant joined = started.plusMillis(4_321);
        Instant ended = joined.plusSeconds(600);
        List<CallEventView> log = new ArrayList<>(List.of(new CallEventView(started, CallEvent.START_CALL,
                Role.PATIENT)));

        CallSession session = store.startSession(store.findAppointment(id).orElseThrow(), Role.PATIENT, started, log);
        Appointment waiting = store.findAppointment(id).orElseThrow();
        assertEquals(CallStatus.WAITING, waiting.callStatus());
        assertEquals(Role.PATIENT, waiting.callStartedBy());
        assertEquals(started, waiting.callStartedAt());

        log.add(new CallEventView(joined, CallEvent.JOIN_CALL, Role.DOCTOR));
        store.joinSession(id, session.id(), joined, log);
        assertEquals(CallStatus.ACTIVE, store.findAppointment(id).orElseThrow().callStatus());

        log.add(new CallEventView(joined.plusMillis(5), CallEvent.OFFER, Role.PATIENT));
        log.add(new CallEventView(ended, CallEvent.END_CALL, Role.DOCTOR));
        store.endSession(id, session.id(), Role.DOCTOR, CallEndReason.HANGUP, ended, log);

        CallSession stored = store.findSession(session.id()).orElseThrow();
        assertEquals(new CallSession(session.id(), id, CallStatus.ENDED, Role.PATIENT, started, joined, ended,
                Role.DOCTOR, CallEndReason.HANGUP, null, log), stored);
        Appointment done = store.findAppointment(id).orElseThrow();
        assertEquals(CallStatus.ENDED, done.callStatus());
        assertEquals(ended, done.callEndedAt());
        assertEquals(Role.PATIENT, done.callStartedBy(), "who started the last call stays");
        assertEquals(started, done.callStartedAt());

        Instant again = ended.plusSeconds(120);
        CallSession second = store.startSession(done, Role.DOCTOR, again,
                List.of(new CallEventView(again, CallEvent.START_CALL, Role.DOCTOR)));
        assertEquals(List.of(second.id(), session.id()),
                store.sessionsOf(id).stream().map(CallSession::id).toList(), "newest first");
        assertEquals(second.id(), store.latestSession(id).orElseThrow().id());
        Appointment restarted = store.findAppointment(id).orElseThrow();
        assertEquals(CallStatus.WAITING, restarted.callStatus());
        assertNull(restarted.callEndedAt(), "a new call has no end yet");
    }

    @Test
    void aTransitionFromAStateTheCallNoLongerHasStoresNothingAndSaysSo() {
        Doctor doctor = store.createDoctor(unique("dr"), "hash", "Dr. Ana Costa", NOW);
        long id = store.createAppointment(doctor.id(), store.createPatient("Jonas Berg", NOW), NOW, true);
        Appointment idle = store.findAppointment(id).orElseThrow();
        List<CallEventView> log = List.of(new CallEventView(NOW, CallEvent.START_CALL, Role.DOCTOR));
        CallSession first = store.startSession(idle, Role.DOCTOR, NOW, log);

        // Another instance read the call as idle a moment ago and starts it too: the row says it waits.
        assertThrows(CallChangedElsewhere.class, () -> store.startSession(idle, Role.PATIENT, NOW, log));
        assertEquals(List.of(first.id()), store.sessionsOf(id).stream().map(CallSession::id).toList());
        assertEquals(Role.DOCTOR, store.findAppointment(id).orElseThrow().callStartedBy());

        store.joinSession(id, first.id(), NOW.plusSeconds(1), log);
        assertThrows(CallChangedElsewhere.class, () -> store.joinSession(id, first.id(), NOW.plusSeconds(2), log));
        store.endSession(id, first.id(), Role.PATIENT, CallEndReason.HANGUP, NOW.plusSeconds(3), log);
        assertThrows(CallChangedElsewhere.class,
                () -> store.endSession(id, first.id(), Role.DOCTOR, CallEndReason.HANGUP, NOW.plusSeconds(4), log));
        CallSession ended = store.findSession(first.id()).orElseThrow();
        assertEquals(Role.PATIENT, ended.endedBy(), "the first end stays");
        assertEquals(NOW.plusSeconds(3), ended.endedAt());
    }

    @Test
    void chatLinesAreKeptPerSessionInOrderWithTheirWordsIntact() {
        Doctor doctor = store.createDoctor(unique("dr"), "hash", "Dr. Ana Costa", NOW);
        long id = store.createAppointment(doctor.id(), store.createPatient("Zoë O'Brien", NOW), NOW, true);
        long other = store.createAppointment(doctor.id(), store.createPatient("Tomás Álvarez", NOW), NOW, true);
        CallSession first = store.startSession(store.findAppointment(id).orElseThrow(), Role.PATIENT, NOW,
                List.of(new CallEventView(NOW, CallEvent.START_CALL, Role.PATIENT)));
        CallSession elsewhere = store.startSession(store.findAppointment(other).orElseThrow(), Role.DOCTOR, NOW,
                List.of(new CallEventView(NOW, CallEvent.START_CALL, Role.DOCTOR)));
        String longest = "ü".repeat(1999) + "!";
        store.addChatLine(first.id(), 1, NOW.plusSeconds(1), Role.PATIENT, "Grüß Gott, Frau Doktor 👋");
        store.addChatLine(first.id(), 2, NOW.plusSeconds(2), Role.DOCTOR, longest);
        store.addChatLine(elsewhere.id(), 1, NOW.plusSeconds(3), Role.DOCTOR, "another call");
        store.endSession(id, first.id(), Role.DOCTOR, CallEndReason.HANGUP, NOW.plusSeconds(4), first.events());
        CallSession second = store.startSession(store.findAppointment(id).orElseThrow(), Role.DOCTOR,
                NOW.plusSeconds(5), List.of(new CallEventView(NOW.plusSeconds(5), CallEvent.START_CALL, Role.DOCTOR)));
        store.addChatLine(second.id(), 1, NOW.plusSeconds(6), Role.DOCTOR, "second call");

        assertEquals(2, store.chatLineCount(first.id()));
        assertEquals(0, store.chatLineCount(Long.MAX_VALUE));
        var transcripts = store.transcriptsOf(id);
        assertEquals(List.of(new ChatLineView(NOW.plusSeconds(1), Role.PATIENT, "Grüß Gott, Frau Doktor 👋"),
                new ChatLineView(NOW.plusSeconds(2), Role.DOCTOR, longest)), transcripts.get(first.id()));
        assertEquals(List.of(new ChatLineView(NOW.plusSeconds(6), Role.DOCTOR, "second call")),
                transcripts.get(second.id()));
        assertEquals(Set.of(first.id(), second.id()), transcripts.keySet(), "only this appointment's sessions");
    }

    @Test
    void theAuditLogKeepsWhoDidWhatWhen() {
        Doctor doctor = store.createDoctor(unique("dr"), "hash", "Dr. Ana Costa", NOW);
        long id = store.createAppointment(doctor.id(), store.createPatient("Aisha Rahman", NOW), NOW, true);
        store.audit(NOW, "doctor:" + doctor.username(), "start-call", id, "session 1");
        store.audit(NOW.plusSeconds(1), "patient:" + id, "join-call", id, null);
        store.audit(NOW.plusSeconds(2), "doctor:someone", "login", null, null);

        assertEquals(List.of(new AuditEntry(NOW, "doctor:" + doctor.username(), "start-call", id, "session 1"),
                new AuditEntry(NOW.plusSeconds(1), "patient:" + id, "join-call", id, null)), store.auditOf(id));
    }

    @Test
    void aNewJoinLinkRaisesTheAppointmentsLinkVersion() {
        Doctor doctor = store.createDoctor(unique("dr"), "hash", "Dr. Ana Costa", NOW);
        long id = store.createAppointment(doctor.id(), store.createPatient("Lena Vogel", NOW), NOW, true);
        assertEquals(1, store.findAppointment(id).orElseThrow().linkVersion(), "every appointment starts at 1");
        assertEquals(Optional.of(2), store.nextLinkVersion(id));
        assertEquals(Optional.of(3), store.nextLinkVersion(id));
        assertEquals(3, store.findAppointment(id).orElseThrow().linkVersion());
        assertEquals(3, store.appointmentsOf(doctor.id()).getFirst().linkVersion());
        assertEquals(Optional.empty(), store.nextLinkVersion(Long.MAX_VALUE));
    }

    @Test
    void theDenyListKeepsRevokedTokensUntilTheyExpireAndThenDeletesThem() {
        String early = unique("jti");
        String late = unique("jti");
        store.revokeToken(early, NOW, NOW.plusSeconds(60));
        store.revokeToken(early, NOW.plusSeconds(1), NOW.plusSeconds(60)); // a second sign-out racing the first
        store.revokeToken(late, NOW.plusSeconds(10), NOW.plus(12, ChronoUnit.HOURS));

        assertEquals(Set.of(early, late), ids(store.revokedTokensSince(NOW.minusSeconds(1), NOW)));
        assertEquals(Set.of(late), ids(store.revokedTokensSince(NOW.plusSeconds(5), NOW)), "only the newer rows");
        RevokedToken row = store.revokedTokensSince(NOW.plusSeconds(5), NOW).stream()
                .filter(r -> r.tokenId().equals(late)).findFirst().orElseThrow();
        assertEquals(new RevokedToken(late, NOW.plusSeconds(10), NOW.plus(12, ChronoUnit.HOURS)), row);

        Instant later = NOW.plusSeconds(61);
        assertTrue(store.deleteExpiredRevocations(later) >= 1);
        assertEquals(Set.of(late), ids(store.revokedTokensSince(NOW.minusSeconds(1), later)));
        store.revokeToken(early, later, later.plusSeconds(60)); // the id is free again once its row is gone
    }

    @Test
    void aSignOutReachesAnotherInstanceAndEndsWhenTheTokenWouldHave() {
        HandClock clock = new HandClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        RevokedTokens here = new RevokedTokens(store, clock);
        RevokedTokens elsewhere = new RevokedTokens(store, clock);
        Caller.Doctor signedIn = new Caller.Doctor(1, "demo-doctor", unique("jti"), clock.now.plusSeconds(600));
        here.revoke(signedIn);
        assertTrue(here.test(signedIn.tokenId()), "refused at once on the instance that signed out");
        assertTrue(!elsewhere.test(signedIn.tokenId()), "another instance knows after its next refresh");
        clock.now = clock.now.plusSeconds(30);
        elsewhere.refresh();
        assertTrue(elsewhere.test(signedIn.tokenId()));
        assertTrue(new RevokedTokens(store, clock).test(signedIn.tokenId()), "and after a restart");

        clock.now = clock.now.plusSeconds(600);
        assertTrue(!here.test(signedIn.tokenId()) && !elsewhere.test(signedIn.tokenId()),
                "the token has expired: its entry is gone from memory");
        here.refresh();
        assertTrue(store.revokedTokensSince(Instant.EPOCH, Instant.EPOCH).stream()
                .noneMatch(r -> r.tokenId().equals(signedIn.tokenId())), "and from the table");
    }

    private static Set<String> ids(List<RevokedToken> rows) {
        return rows.stream().map(RevokedToken::tokenId).collect(Collectors.toSet());
    }

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now;

        HandClock(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Last: closing the server closes its database too (an in-memory H2 one for good). */
    @Test
    @Order(Integer.MAX_VALUE)
    void aServerOnThisDatabaseRunsACall() throws Exception {
        var settings = dev.carecall.backend.BackendSettings.forTests()
                .with(database.settings());
        try (var server = dev.carecall.backend.CareCallServer.start(settings)) {
            long id = server.createAppointment("demo-doctor", "Ingrid Nilsen", NOW, true);
            for (String step : List.of("start-call", "join-call", "end-call")) {
                String token = step.equals("join-call") ? server.patientToken(id) : server.doctorToken("demo-doctor");
                post(server, id, step, token);
            }
            CallSession session = store.sessionsOf(id).getFirst();
            assertEquals(CallStatus.ENDED, session.status());
            assertEquals(Role.DOCTOR, session.endedBy());
            assertEquals(Role.DOCTOR, session.startedBy());
        }
    }

    @Test
    void aRestartedProcessTakesTheCallOverFromTheDatabase() throws Exception {
        Doctor doctor = store.createDoctor(unique("dr"), "hash", "Dr. Ana Costa", NOW);
        long id = store.createAppointment(doctor.id(), store.createPatient("Kofi Mensah", NOW), NOW, true);
        Caller.Doctor asDoctor = new Caller.Doctor(doctor.id(), doctor.username());
        CallStatusView waiting;
        try (var before = new ProcessCalls()) {
            waiting = before.calls.start(asDoctor, id);
        }
        try (var after = new ProcessCalls()) {
            // The doctor pressing Start again confirms the waiting call instead of starting a second one.
            CallStatusView again = after.calls.start(asDoctor, id);
            assertEquals(CallStatus.WAITING, again.callStatus());
            assertEquals(waiting.sessionId(), again.sessionId());
            assertEquals(waiting.startedAt(), again.startedAt());
            CallStatusView active = after.calls.join(new Caller.Patient(id), id);
            assertEquals(CallStatus.ACTIVE, active.callStatus());
            assertEquals(waiting.sessionId(), active.sessionId());
        }
        CallSession stored = store.findSession(waiting.sessionId()).orElseThrow();
        assertEquals(CallStatus.ACTIVE, stored.status());
        assertEquals(List.of(CallEvent.START_CALL, CallEvent.JOIN_CALL),
                stored.events().stream().map(CallEventView::event).toList());
        assertEquals(CallStatus.ACTIVE, store.findAppointment(id).orElseThrow().callStatus());
    }

    /** The calls of one server process on this database, as a restart makes them afresh. */
    private final class ProcessCalls implements AutoCloseable {
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final CallMetrics metrics = CallMetrics.register(Meters.registry());
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final SessionLogWriter logWriter = new SessionLogWriter(store);
        private final Calls calls = new Calls(store, new AppointmentAccess(store), new Lobby(),
                Clock.tickMillis(ZoneOffset.UTC), new IceServers(List.of(), null, Clock.systemUTC()), executor, metrics,
                RelaySettings.DEFAULTS, timer, BackendSettings.CallGrace.DEFAULT, logWriter, TranscriptSettings.DEFAULTS,
                new CallQualities(new QualityStore(database.client())));

        @Override
        public void close() {
            executor.close();
            timer.shutdownNow();
            logWriter.close();
            metrics.close();
        }
    }

    private static String post(CareCallServer server, long appointmentId, String step, String token)
            throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.baseUri().resolve("/api/appointments/" + appointmentId + "/" + step))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), step + ": " + response.body());
        return response.body();
    }

    @Test
    void theDatabaseAnswersThePing() {
        assertTrue(store.ping());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
