package dev.carecall.bench.signaling;

/**
 * A Socket.IO 4 client as typical small video-call apps use it, written out in Engine.IO v4 / Socket.IO v5 packets over
 * a plain WebSocket: the server's open packet ({@code 0{...}}), connect to the {@code /video-call} namespace ({@code
 * 40}), {@code join-room} and wait for {@code joined-room}, answer the server's pings ({@code 2} → {@code 3}). Signals
 * are {@code 42/video-call,["webrtc-signal",{"roomId","userId","signal"}]}.
 */
final class SocketIoWire implements Wire {
    static final String NAMESPACE = "/video-call";

    @Override
    public String name() {
        return "Socket.IO";
    }

    @Override
    public String path(Room room, Peer peer) {
        return "/socket.io/?EIO=4&transport=websocket";
    }

    @Override
    public void opened(Room room, Peer peer) {
        // the server speaks first (open packet)
    }

    @Override
    public void text(Room room, Peer peer, String text) {
        if (text.equals("2")) {
            peer.sendText("3");
            return;
        }
        if (room.isReady()) {
            return;
        }
        if (text.startsWith("0{")) {
            peer.sendText("40" + NAMESPACE + ",");
        } else if (text.startsWith("40" + NAMESPACE + ",")) {
            peer.step = 1;
            if (room.doctor().step >= 1 && room.patient().step >= 1) {
                room.setupStarted();
                for (Peer p : new Peer[] {room.doctor(), room.patient()}) {
                    p.sendText("42" + NAMESPACE + ",[\"join-room\",{\"roomId\":\"" + roomId(room)
                            + "\",\"userId\":\"" + userId(room, p) + "\"}]");
                }
            }
        } else if (text.startsWith("42" + NAMESPACE + ",[\"joined-room\"")) {
            peer.step = 2;
            if (room.doctor().step == 2 && room.patient().step == 2) {
                room.setupDone();
            }
        } else if (text.startsWith("44")) {
            room.failed("namespace refused: " + text);
        }
    }

    @Override
    public String signalMessage(Room room, Peer peer, String signal) {
        return "42" + NAMESPACE + ",[\"webrtc-signal\",{\"roomId\":\"" + roomId(room) + "\",\"userId\":\""
                + userId(room, peer) + "\",\"signal\":" + signal + "}]";
    }

    private static String roomId(Room room) {
        return "room-" + room.appointment().id();
    }

    private static String userId(Room room, Peer peer) {
        return peer.role() + "-" + room.appointment().id();
    }
}
