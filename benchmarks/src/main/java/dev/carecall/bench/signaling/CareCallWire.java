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
        if (room.doctor().isOpen() && room.patient().isOpen()) {
            room.setupStarted();
            for (Peer p : new Peer[] {room.doctor(), room.patient()}) {
                String token = p.isDoctor() ? room.appointment().doctorToken() : room.appointment().patientToken();
                p.sendText("{\"type\":\"register\",\"token\":\"" + token + "\",\"protocolVersion\":1}");
            }
        }
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
                if (room.doctor().step >= 1 && room.patient().step >= 1 && !room.startSent) {
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
