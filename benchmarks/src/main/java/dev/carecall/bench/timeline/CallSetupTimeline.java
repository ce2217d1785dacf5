package dev.carecall.bench.timeline;

import dev.carecall.bench.BenchContext;
import dev.carecall.bench.process.BackendProcess;
import dev.carecall.bench.process.BenchData;
import dev.carecall.bench.process.Postgres;
import dev.carecall.bench.report.Report;
import dev.carecall.bench.report.Samples;
import dev.carecall.console.call.CallPhase;
import dev.carecall.protocol.Role;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Call setup as the patient sees it: the doctor's engine has started the call, the patient presses Join (in the
 * page, or a second engine joins), and every step up to the first remote frame at both ends is timed from that
 * moment. One warm-up call, then ten measured ones, each on a fresh appointment; the report gives the median and the
 * worst of each step, which shows where the time goes.
 */
public final class CallSetupTimeline {
    private static final String PART = "call setup";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TARGET_STEP = "engine: first remote frame (doctor sees the patient)";

    private final BenchContext context;
    private final Report report;

    public CallSetupTimeline(BenchContext context) {
        this.context = context;
        this.report = context.report();
    }

    public void run() {
        int runs = context.count(10, 3);
        try (Postgres postgres = Postgres.createSchema();
             BackendProcess backend = BackendProcess.start(context.repository(), context.work(),
                     postgres.settings(), BackendProcess.launchOptions(context.repository()));
             SignalTap doctorTap = new SignalTap(backend.address());
             SignalTap patientTap = new SignalTap(backend.address())) {
            List<BenchData.Appointment> appointments = BenchData.create(backend.database(), backend.secret(),
                    2 * (runs + 1), "timeline");
            Steps browser = new Steps();
            try (PatientPage page = new PatientPage()) {
                for (int i = 0; i <= runs; i++) {
                    browserRun(backend, page, doctorTap, appointments.get(i), i == 0 ? new Steps() : browser);
                }
            }
            print("browser ↔ engine", browser, runs);
            Steps engines = new Steps();
            for (int i = 0; i <= runs; i++) {
                engineRun(doctorTap, patientTap, appointments.get(runs + 1 + i), i == 0 ? new Steps() : engines);
            }
            print("engine ↔ engine", engines, runs);
        }
    }

    private void browserRun(BackendProcess backend, PatientPage page, SignalTap doctorTap,
                            BenchData.Appointment appointment, Steps steps) {
        doctorTap.clear();
        try (EngineSide doctor = new EngineSide(doctorTap.webSocketBaseUri(), appointment.id(),
                appointment.doctorToken(), Role.DOCTOR)) {
            doctor.awaitPhase(CallPhase.READY, WAIT);
            doctor.engine().startCall();
            doctor.awaitPhase(CallPhase.WAITING_FOR_PEER, WAIT);
            page.open(backend.baseUri() + "/join/" + appointment.id() + "?token=" + appointment.patientToken());
            page.awaitJoin();
            page.clickJoin();
            long doctorFrame;
            try {
                doctorFrame = doctor.awaitFirstFrame(WAIT);
                page.awaitMark("first remote frame");
            } catch (RuntimeException e) {
                throw new IllegalStateException(e.getMessage() + "; page marks " + page.marks()
                        + "; the doctor's signaling:" + doctorTap.describe(), e);
            }
            Map<String, Long> marks = page.marks();
            Long click = marks.get("click");
            if (click == null) {
                throw new IllegalStateException("the page noted no click on Join Call");
            }
            steps.add("page: joinCall sent", mark(marks, "joinCall"), click);
            steps.add("page: joinerConnected", mark(marks, "joinerConnected"), click);
            steps.add("engine: joinerConnected", doctorTap.first(false, "joinerConnected", null), click);
            steps.add("engine: offer sent", doctorTap.first(true, "signal", "offer"), click);
            steps.add("page: offer received", mark(marks, "offer"), click);
            steps.add("page: answer sent", mark(marks, "answer"), click);
            steps.add("engine: answer received", doctorTap.first(false, "signal", "answer"), click);
            steps.add("page: ICE connected", mark(marks, "ICE connected"), click);
            steps.add("page: connected (ICE + DTLS)", mark(marks, "connected"), click);
            steps.add("engine: connected (ICE + DTLS)", Optional.ofNullable(doctor.reached(CallPhase.CONNECTED)),
                    click);
            steps.add("page: first frame of its camera encoded", mark(marks, "first frame encoded"), click);
            steps.add("page: first frame of its camera sent", mark(marks, "first frame sent"), click);
            steps.add("page: first remote frame", mark(marks, "first remote frame"), click);
            steps.add(TARGET_STEP, Optional.of(doctorFrame), click);
            doctor.engine().endCall();
            doctor.awaitPhase(CallPhase.ENDED, WAIT);
        }
    }

    private void engineRun(SignalTap doctorTap, SignalTap patientTap, BenchData.Appointment appointment,
                           Steps steps) {
        doctorTap.clear();
        patientTap.clear();
        try (EngineSide doctor = new EngineSide(doctorTap.webSocketBaseUri(), appointment.id(),
                appointment.doctorToken(), Role.DOCTOR);
             EngineSide patient = new EngineSide(patientTap.webSocketBaseUri(), appointment.id(),
                     appointment.patientToken(), Role.PATIENT)) {
            doctor.awaitPhase(CallPhase.READY, WAIT);
            doctor.engine().startCall();
            doctor.awaitPhase(CallPhase.WAITING_FOR_PEER, WAIT);
            patient.awaitPhase(CallPhase.INCOMING, WAIT);
            long click = SignalTap.epochMicros();
            patient.engine().joinCall();
            long doctorFrame = doctor.awaitFirstFrame(WAIT);
            long patientFrame = patient.awaitFirstFrame(WAIT);
            steps.add("patient: joinCall sent", patientTap.first(true, "joinCall", null), click);
            steps.add("doctor: joinerConnected", doctorTap.first(false, "joinerConnected", null), click);
            steps.add("patient: joinerConnected", patientTap.first(false, "joinerConnected", null), click);
            steps.add("patient: media open, peer connection made", Optional.ofNullable(
                    patient.reached(CallPhase.NEGOTIATING)), click);
            steps.add("doctor: offer sent", doctorTap.first(true, "signal", "offer"), click);
            steps.add("patient: offer received", patientTap.first(false, "signal", "offer"), click);
            steps.add("patient: answer sent", patientTap.first(true, "signal", "answer"), click);
            steps.add("doctor: answer received", doctorTap.first(false, "signal", "answer"), click);
            steps.add("patient: connected (ICE + DTLS)", Optional.ofNullable(patient.reached(CallPhase.CONNECTED)),
                    click);
            steps.add("doctor: connected (ICE + DTLS)", Optional.ofNullable(doctor.reached(CallPhase.CONNECTED)),
                    click);
            steps.add("patient: first remote frame", Optional.of(patientFrame), click);
            steps.add("doctor: first remote frame", Optional.of(doctorFrame), click);
            doctor.engine().endCall();
            doctor.awaitPhase(CallPhase.ENDED, WAIT);
            patient.awaitPhase(CallPhase.ENDED, WAIT);
        }
    }

    private static Optional<Long> mark(Map<String, Long> marks, String name) {
        return Optional.ofNullable(marks.get(name));
    }

    private void print(String kind, Steps steps, int runs) {
        String part = PART + " " + kind;
        String start = kind.startsWith("browser") ? "Join click" : "joinCall()";
        for (Map.Entry<String, Samples> step : steps.all().entrySet()) {
            Samples s = step.getValue();
            String value = s.count() == 0 ? "never" : String.format("+%.0f ms median, +%.0f ms worst", s.median()
                    / 1e3, s.max() / 1e3) + (steps.missing(step.getKey()) > 0 ? " (missing in "
                    + steps.missing(step.getKey()) + " runs)" : "");
            if (step.getKey().equals(TARGET_STEP)) {
                report.target(part, start + " → " + step.getKey(), value + " of " + runs, "median < 450 ms",
                        s.count() > 0 && s.median() < 450_000);
            } else {
                report.info(part, start + " → " + step.getKey(), value);
            }
        }
    }
}
