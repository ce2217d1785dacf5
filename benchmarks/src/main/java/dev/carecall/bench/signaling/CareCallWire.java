package dev.carecall.bench.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CareCall room protocol as the console and the page speak it: both sockets {@code register} with their own
 * token, the doctor sends {@code startCall}, the patient {@code joinCall} once it sees {@code activeCall}; the room is
 * set up when both got {@code joinerConnected}. Signals are {@code {"type":"signal","signal":{...}}}.
 */
final class CareCallWire implements Wire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final boolean registerOnly;

    /** Rooms whose call is started and joined (the load). */
    CareCallWire() {
        this(false);
    }

    /**
     * @param registerOnly true: a room is set up once both sockets registered, and no call is started (the idle
     *                     sockets of the capacity benchmark)
     */
    CareCallWire(boolean registerOnly) {
        this.registerOnly = registerOnly;
    }

    @Override
    public String name() {
        return "CareCall";
    }

    @Override
    public String path(Room room, Peer peer) {
        return "/ws/appointments/" + room.appointment().id();
    }

    @Override
    public void opened(Room room, Peer peer) {
        if (registerOnly) {
            // An idle socket registers as soon as it is open, as the console and the page do; under load the
            // other socket of its room may take longer than the register timeout to open.
            if (!room.doctor().isOpen() || !room.patient().isOpen()) {
                room.setupStarted();
            }
            register(room, peer);
        } else if (room.doctor().isOpen() && room.patient().isOpen()) {
            // The measured setup starts with both sockets open: register ×2, start, join.
            room.setupStarted();
            register(room, room.doctor());
            register(room, room.patient());
        }
    }

    private static void register(Room room, Peer peer) {
        String token = peer.isDoctor() ? room.appointment().doctorToken() : room.appointment().patientToken();
        peer.sendText("{\"type\":\"register\",\"token\":\"" + token + "\",\"protocolVersion\":1}");
    }

    @Override
    public void text(Room room, Peer peer, String text) {
        if (room.isReady()) {
            return; // peerPresence, pong...: nothing the load needs
        }
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (java.io.IOException e) {
            room.failed("unreadable message " + text);
            return;
        }
        switch (message.path("type").asText()) {
            case "registered" -> {
                peer.step = 1;
                if (registerOnly && room.doctor().step == 1 && room.patient().step == 1) {
                    room.setupDone();
                } else if (!registerOnly && room.doctor().step >= 1 && room.patient().step >= 1
                        && !room.startSent) {
                    room.startSent = true;
                    room.doctor().sendText("{\"type\":\"startCall\"}");
                }
            }
            case "activeCall" -> {
                if (!peer.isDoctor() && !room.joinSent) {
                    room.joinSent = true;
                    peer.sendText("{\"type\":\"joinCall\"}");
                }
            }
            case "joinerConnected" -> {
                peer.step = 2;
                if (room.doctor().step == 2 && room.patient().step == 2) {
                    room.setupDone();
                }
            }
            case "error" -> room.failed(peer.role() + " got " + text);
            default -> {
                // peerPresence and the like
            }
        }
    }

    @Override
    public String signalMessage(Room room, Peer peer, String signal) {
        return "{\"type\":\"signal\",\"signal\":" + signal + "}";
    }
}
