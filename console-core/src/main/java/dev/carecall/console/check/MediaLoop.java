package dev.carecall.console.check;

import dev.carecall.console.check.CheckResult.Problem;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The TURN steps of the check: one allocation per transport, and the media loop: two allocations on the same TURN
 * server, each permitting the other's relayed address, and {@value #PACKETS} packets of the size of a 20 ms audio
 * frame sent from one relay to the other and echoed back, as call media would travel when neither party can reach
 * the other directly.
 */
final class MediaLoop {
    static final int PACKETS = 50;
    /** Enough to call it working: a call survives a few lost packets, not a broken path. */
    static final int ENOUGH = 45;
    private static final int PACKET_BYTES = 160;
    private static final Duration WAIT = Duration.ofMillis(300);

    private final SSLContext tls;

    MediaLoop(SSLContext tls) {
        this.tls = tls;
    }

    /** One allocation over the relay's transport; found is the relayed address. */
    CheckResult allocate(CheckStep step, ConnectivityCheck.Relay relay) {
        try (TurnClient client = open(relay)) {
            InetSocketAddress relayed = client.allocate();
            client.release();
            return CheckResult.passed(step, relay.url().target(), relayed.getAddress().getHostAddress() + ":"
                    + relayed.getPort());
        } catch (TurnException e) {
            return CheckResult.failed(step, problem(e), relay.url().target(), e.getMessage());
        }
    }

    /** The loop through two relays; found is {@code received/sent median-round-trip-ms}. */
    CheckResult run(ConnectivityCheck.Relay relay) {
        String target = relay.url().target();
        try (TurnClient a = open(relay); TurnClient b = open(relay)) {
            InetSocketAddress relayA = a.allocate();
            InetSocketAddress relayB = b.allocate();
            a.permit(relayB);
            b.permit(relayA);
            List<Long> roundTrips = new ArrayList<>();
            for (int i = 0; i < PACKETS; i++) {
                byte[] packet = ByteBuffer.allocate(PACKET_BYTES).putInt(i).putLong(System.nanoTime()).array();
                a.send(relayB, packet);
                Optional<TurnClient.Data> there = b.receive(WAIT);
                if (there.isEmpty()) {
                    continue;
                }
                b.send(there.get().peer(), there.get().bytes());
                Optional<TurnClient.Data> back = a.receive(WAIT);
                if (back.isPresent() && back.get().bytes().length == PACKET_BYTES) {
                    ByteBuffer echo = ByteBuffer.wrap(back.get().bytes());
                    if (echo.getInt() == i) {
                        roundTrips.add(System.nanoTime() - echo.getLong());
                    }
                }
            }
            a.release();
            b.release();
            String found = roundTrips.size() + "/" + PACKETS + " " + median(roundTrips);
            if (roundTrips.size() < ENOUGH) {
                return new CheckResult(CheckStep.MEDIA_RELAY, CheckResult.Outcome.FAILED, Problem.MEDIA_LOST, target,
                        found, roundTrips.size() + " of " + PACKETS + " packets came back");
            }
            return CheckResult.passed(CheckStep.MEDIA_RELAY, target, found);
        } catch (TurnException e) {
            return CheckResult.failed(CheckStep.MEDIA_RELAY, problem(e), target, e.getMessage());
        } catch (IOException e) {
            return CheckResult.failed(CheckStep.MEDIA_RELAY, Problem.MEDIA_LOST, target, e.toString());
        }
    }

    private TurnClient open(ConnectivityCheck.Relay relay) throws TurnException {
        return new TurnClient(StunTransport.open(relay.url().transport(), relay.url().address(), tls),
                relay.username(), relay.credential());
    }

    /** The median round trip in whole milliseconds, or -1 without any. */
    private static long median(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return Math.round(sorted.get(sorted.size() / 2) / 1e6);
    }

    static Problem problem(TurnException e) {
        return switch (e.kind()) {
            case CONNECT_FAILED, NO_ANSWER -> Problem.NO_ANSWER;
            case UNTRUSTED_CERTIFICATE -> Problem.UNTRUSTED_CERTIFICATE;
            case CREDENTIAL_REFUSED -> Problem.CREDENTIAL_REFUSED;
            case REFUSED -> Problem.REFUSED;
        };
    }
}
