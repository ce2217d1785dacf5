package dev.carecall.bench.signaling;

import dev.carecall.bench.ws.Frames;
import dev.carecall.bench.ws.WsConnection;
import dev.carecall.bench.ws.WsHandler;
import dev.carecall.bench.ws.WsLoop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One socket of a room. Once the room is set up it sends the benchmark's signal, built once as a whole frame with
 * only the time and sequence digits patched per send, either at a fixed rate (a timer on the loop) or in a closed
 * loop that keeps a few signals in flight. A received signal's latency is the receive time minus the send time it
 * carries; both come from the same clock of this process.
 */
final class Peer implements WsHandler {
    private final Room room;
    private final String role;
    private final Window window;
    private WsConnection connection;
    /** Setup progress, for the {@link Wire}. */
    int step;
    private byte[] frame;
    private int stampAt;
    private long seq;
    private int generation;
    private boolean closedLoop;
    private int inFlight;
    private long lastSeqReceived = -1;

    Peer(Room room, String role, Window window) {
        this.room = room;
        this.role = role;
        this.window = window;
    }

    String role() {
        return role;
    }

    boolean isDoctor() {
        return role.equals("doctor");
    }

    boolean isOpen() {
        return connection != null && connection.isOpen();
    }

    void sendText(String text) {
        connection.sendText(text);
    }

    WsConnection connection() {
        return connection;
    }

    @Override
    public void opened(WsConnection c) {
        connection = c;
        room.wire().opened(room, this);
    }

    @Override
    public void text(WsConnection c, ByteBuffer data, int start, int length) {
        if (room.isReady()) {
            int at = Signals.afterMarker(data, start, start + length);
            if (at >= 0) {
                long seq = Signals.number(data, at + Signals.TIME_DIGITS + 1, Signals.SEQ_DIGITS);
                if (seq <= lastSeqReceived) {
                    room.stats.outOfOrder++;
                }
                lastSeqReceived = seq;
                long now = System.nanoTime();
                room.stats.lastArrival = now;
                room.other(this).delivered(Signals.number(data, at, Signals.TIME_DIGITS), now);
                return;
            }
        }
        byte[] bytes = new byte[length];
        data.get(start, bytes);
        room.wire().text(room, this, new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void closed(WsConnection c, String why) {
        if (room.isReady()) {
            room.stats.socketsLost++;
        }
        room.failed(role + " socket: " + why);
    }

    /** Sends at {@code perSecond} signals a second from a random moment within the first period on. */
    void startRate(double perSecond, long firstAt) {
        int mine = ++generation;
        closedLoop = false;
        long period = (long) (1e9 / perSecond);
        WsLoop loop = room.loop();
        loop.schedule(new WsLoop.Timer() {
            private long due = firstAt;

            @Override
            public void fire(long now) {
                if (generation != mine || !connection.isOpen()) {
                    return;
                }
                if (window.contains(now)) {
                    room.stats.lag.add(now - due);
                }
                send(now);
                due += period;
                loop.schedule(this, due);
            }
        }, firstAt);
    }

    /** Keeps {@code inFlight} signals on their way to the other party: each delivery sends the next. */
    void startClosedLoop(int signalsInFlight) {
        generation++;
        closedLoop = true;
        inFlight = 0;
        for (int i = 0; i < signalsInFlight; i++) {
            inFlight++;
            send(System.nanoTime());
        }
    }

    void stop() {
        generation++;
        closedLoop = false;
    }

    /** The other party received a signal of this peer sent at {@code sentAt}. */
    void delivered(long sentAt, long now) {
        if (window.contains(sentAt)) {
            room.stats.delivered++;
            room.stats.latency.add(now - sentAt);
        }
        if (closedLoop) {
            inFlight--;
            if (connection.isOpen()) {
                inFlight++;
                send(now);
            }
        }
    }

    private void send(long now) {
        if (frame == null) {
            byte[] payload = room.wire().signalMessage(room, this,
                    Signals.signal(isDoctor() ? "offer" : "answer")).getBytes(StandardCharsets.UTF_8);
            frame = Frames.frame(Frames.TEXT, payload);
            stampAt = Signals.afterMarker(frame);
        }
        Signals.write(frame, stampAt, Signals.TIME_DIGITS, now);
        Signals.write(frame, stampAt + Signals.TIME_DIGITS + 1, Signals.SEQ_DIGITS, seq++);
        long droppedBefore = connection.dropped();
        connection.send(frame, frame.length);
        if (window.contains(now)) {
            room.stats.sent++;
            room.stats.dropped += connection.dropped() - droppedBefore;
        }
    }
}
