package dev.carecall.bench.console;

import dev.carecall.bench.process.ProcStats;
import dev.carecall.console.call.CallEngine;
import dev.carecall.console.call.CallListener;
import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallSettings;
import dev.carecall.console.call.WebRtcCallEngine;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.protocol.Role;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A console process that holds the doctor's call engine of one appointment and runs call after call with it:
 * start, wait for the patient's video (the patient is another process that joins every call), hang up. After each
 * call it prints {@code CALL n frames rssBytes mallocBytes}. Usage:
 * {@code CallLoop ws://host:port appointmentId doctorToken calls}.
 */
public final class CallLoop {
    private static final long CALL_TIMEOUT_NANOS = 30_000_000_000L;

    private CallLoop() {
    }

    public static void main(String[] args) {
        URI webSocketBase = URI.create(args[0]);
        long appointment = Long.parseLong(args[1]);
        int calls = Integer.parseInt(args[3]);
        AtomicReference<CallPhase> phase = new AtomicReference<>(CallPhase.CONNECTING);
        try (CallEngine doctor = WebRtcCallEngine.create(new CallSettings(webSocketBase, appointment, args[2],
                Role.DOCTOR, MediaSettings.synthetic()))) {
            doctor.addListener(new CallListener() {
                @Override
                public void phaseChanged(CallPhase next) {
                    phase.set(next);
                }
            });
            doctor.connect();
            await(() -> phase.get() == CallPhase.READY, "registered");
            for (int call = 1; call <= calls; call++) {
                long before = doctor.remoteVideo().framesReceived();
                doctor.startCall();
                await(() -> doctor.remoteVideo().framesReceived() > before + 2, "the patient's video");
                doctor.endCall();
                await(() -> phase.get() == CallPhase.ENDED, "the end of the call");
                System.gc(); // Java garbage is not native memory
                long pid = ProcessHandle.current().pid();
                System.out.printf("CALL %d %d %d %d%n", call, doctor.remoteVideo().framesReceived() - before,
                        ProcStats.rssBytes(pid), NativeMemory.mallocInUseBytes());
                System.out.flush();
            }
        }
        System.exit(0);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + CALL_TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.out.println("FAILED waiting for " + what);
                System.exit(1);
            }
            LockSupport.parkNanos(5_000_000); // polling interval of a condition wait
        }
    }
}
