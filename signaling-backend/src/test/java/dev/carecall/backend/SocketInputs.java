package dev.carecall.backend;

import dev.carecall.backend.HostileInputIT.Category;
import dev.carecall.backend.HostileInputIT.Run;
import dev.carecall.protocol.ServerMessage;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Instant;

import static dev.carecall.backend.HostileInputIT.MARK;
import static dev.carecall.backend.HostileInputIT.WAIT;
import static dev.carecall.backend.HostileInputIT.abbreviate;

/** The hostile suite's categories of socket messages: an attacker's registered socket, and sockets that never get in. */
final class SocketInputs {
    private SocketInputs() {
    }

    /**
     * An attacker's own registered socket in another room: broken frames, unknown and incomplete messages, too
     * long chat, oversized frames, actions that do not fit, a second register, and its own chat lines (echoed in its
     * room only).
     */
    static final class RoomMessages implements Category {
        private SocketClient socket;

        @Override
        public String name() {
            return "room messages";
        }

        @Override
        public int threads() {
            return 1; // one socket, whose answers come in order
        }

        @Override
        public int count() {
            return 3500;
        }

        @Override
        public void send(Run run, int i) {
            if (socket == null) {
                socket = SocketClient.room(run.server(), run.attackerRoom, run.attackerToken);
            }
            String text = switch (i % 12) {
                case 0 -> "{\"type\":\"chat\",\"text\":\"" + MARK + i + "\"}";
                case 1 -> "{not json " + i;
                case 2 -> "{\"type\":\"" + MARK + i + "\"}";
                case 3 -> "{\"type\":\"chat\"}";
                case 4 -> "{\"type\":\"chat\",\"text\":\"" + "c".repeat(2001 + i) + "\"}";
                case 5 -> "{\"type\":\"signal\",\"signal\":{\"type\":\"offer\",\"sdp\":\"v=0 " + MARK + i + "\"}}";
                case 6 -> "{\"type\":\"mediaState\",\"audio\":\"yes\",\"video\":1}";
                case 7 -> "{\"type\":\"register\",\"token\":\"" + run.attackerToken + "\"}";
                case 8 -> i % 96 == 8 ? "x".repeat(70_000) : "[]";
                case 9 -> "{\"type\":\"joinCall\",\"requestId\":\"" + "r".repeat(65) + "\"}";
                case 10 -> "{\"type\":\"endCall\",\"requestId\":\"" + MARK + i + "\"}";
                default -> "{\"type\":\"register\",\"token\":\"" + run.sameSecret.patientToken(run.legitRoom, 1,
                        Instant.now().plusSeconds(60)) + "\"}";
            };
            socket.sendText(text);
            ServerMessage answer = socket.poll(WAIT);
            switch (answer) {
                case ServerMessage.Error error -> run.outcome("error " + error.code());
                case ServerMessage.Chat chat when chat.text().startsWith(MARK) -> run.outcome("chat, own room");
                case null -> run.failure("no answer to " + abbreviate(text));
                default -> run.failure("unexpected " + answer + " to " + abbreviate(text));
            }
        }

        @Override
        public void finish(Run run) {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }

    /** New sockets that never get in: bad tokens, the wrong room or socket, talk before register, a foreign page. */
    static final class RegisterAttacks implements Category {
        @Override
        public String name() {
            return "register attacks";
        }

        @Override
        public int count() {
            return 500;
        }

        @Override
        public void send(Run run, int i) {
            URI room = run.server().webSocketBaseUri().resolve("/ws/appointments/" + run.legitRoom);
            URI lobby = run.server().webSocketBaseUri().resolve("/ws/lobby");
            if (i % 8 == 7) {
                try (SocketClient evil = SocketClient.connect(i % 16 == 7 ? room : lobby, run.http(),
                        "https://" + MARK + i + ".example")) {
                    run.failure("a foreign page's upgrade was accepted");
                } catch (RuntimeException e) {
                    if (e.getCause() instanceof WebSocketHandshakeException h) {
                        run.outcome("upgrade " + h.getResponse().statusCode() + " foreign origin");
                    } else {
                        run.failure("foreign origin: " + e);
                    }
                }
                return;
            }
            String message = switch (i % 8) {
                case 0 -> "{\"type\":\"register\",\"token\":\"" + MARK + i + "\"}";
                case 1 -> "{\"type\":\"register\",\"token\":\"" + run.sameSecret.patientToken(run.legitRoom, 1,
                        Instant.now().minusSeconds(5)) + "\"}";
                case 2 -> "{\"type\":\"register\",\"token\":\"" + run.otherSecret.patientToken(run.legitRoom, 1,
                        Instant.now().plusSeconds(600)) + "\"}";
                case 3 -> "{\"type\":\"register\",\"token\":\"" + run.attackerToken + "\"}";
                case 4 -> "{\"type\":\"register\",\"token\":\"" + run.otherDoctorToken + "\"}";
                case 5 -> "{\"type\":\"chat\",\"text\":\"" + MARK + i + "\"}";
                default -> "{\"type\":\"register\",\"token\":\"" + run.attackerToken + "\",\"protocolVersion\":0}";
            };
            boolean toLobby = i % 8 == 6 && i % 16 == 14;
            try (SocketClient socket = SocketClient.connect(toLobby ? lobby : room)) {
                socket.sendText(toLobby ? "{\"type\":\"register\",\"token\":\"" + run.attackerToken + "\"}"
                        : message);
                ServerMessage answer = socket.poll(WAIT);
                int close = socket.closeCodeWithin(WAIT);
                if (answer instanceof ServerMessage.Error error && close == 1008) {
                    run.outcome("error " + error.code() + ", close " + close);
                } else {
                    run.failure("register " + abbreviate(message) + " -> " + answer + ", close " + close);
                }
            }
        }
    }
}
