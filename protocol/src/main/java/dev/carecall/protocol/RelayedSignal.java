package dev.carecall.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A client's {@code signal} message read for relaying: only its envelope is parsed, and its payload is kept as the
 * text the sender wrote, so the server passes it on without building a tree of it or writing it again. The payload
 * is checked for the same shapes {@link SignalPayload} accepts, with its SDP or candidate line scanned but never
 * copied into a string.
 *
 * <p>{@link #read} answers only for a message the full decoder ({@link ProtocolCodec#decodeClient}) would take as a
 * valid {@link ClientMessage.Signal} with this payload; for anything else, valid or not (another type, a duplicate
 * key, a field of an unexpected type), it answers null, and the full decoder reads the message and gives its typed
 * error. So the fast path never accepts what the protocol refuses, and never words an error differently.
 *
 * @param text      the whole message as received
 * @param start     where the payload object begins in {@code text}
 * @param end       just after the payload object ends in {@code text}
 * @param event     what the payload is, for the call's log
 * @param requestId the message's request id, or null
 */
public record RelayedSignal(String text, int start, int end, CallEvent event, String requestId) {
    private static final int TYPE = 1;
    private static final int SDP = 2;
    private static final int CANDIDATE = 4;
    private static final int MID = 8;
    private static final int INDEX = 16;
    private static final int FRAGMENT = 32;

    /** The envelope's start per sender ({@link Role#ordinal()}), made once rather than per relayed signal. */
    private static final String[] HEADS = Arrays.stream(Role.values())
            .map(role -> "{\"type\":\"signal\",\"from\":\"" + role.wireName() + "\",\"signal\":")
            .toArray(String[]::new);

    /** The relayed message as the other party receives it: {@code ServerMessage.Signal}'s encoding. */
    public String encodeFrom(Role from) {
        String head = HEADS[from.ordinal()];
        return new StringBuilder(head.length() + end - start + 1).append(head).append(text, start, end).append('}')
                .toString();
    }

    /** The message as a valid signal, or null if only the full decoder may judge it. */
    static RelayedSignal read(JsonFactory json, String text) {
        if (text == null || text.length() > Protocol.MAX_MESSAGE_BYTES / 3
                && text.getBytes(StandardCharsets.UTF_8).length > Protocol.MAX_MESSAGE_BYTES) {
            return null; // too large: the full decoder says so
        }
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            boolean typeSeen = false;
            boolean requestIdSeen = false;
            String requestId = null;
            int start = -1;
            int end = -1;
            CallEvent event = null;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> {
                        if (typeSeen || value != JsonToken.VALUE_STRING || !"signal".equals(parser.getText())) {
                            return null;
                        }
                        typeSeen = true;
                    }
                    case "signal" -> {
                        if (start >= 0 || value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        start = (int) parser.currentTokenLocation().getCharOffset();
                        event = payload(parser);
                        end = (int) parser.currentLocation().getCharOffset();
                        if (event == null) {
                            return null;
                        }
                    }
                    case "requestId" -> {
                        if (requestIdSeen) {
                            return null;
                        }
                        requestIdSeen = true;
                        if (value == JsonToken.VALUE_STRING) {
                            requestId = parser.getText();
                            if (requestId.isEmpty() || requestId.length() > Protocol.MAX_REQUEST_ID_LENGTH) {
                                return null;
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> parser.skipChildren(); // unknown fields are ignored, as by the full decoder
                }
            }
            if (!typeSeen || start < 0 || parser.nextToken() != null || text.charAt(end - 1) != '}') {
                return null;
            }
            return new RelayedSignal(text, start, end, event, requestId);
        } catch (IOException | RuntimeException e) {
            return null; // malformed: the full decoder says how
        }
    }

    /** Reads the payload object up to its end; its kind, or null when it is not plainly one of the three shapes. */
    private static CallEvent payload(JsonParser parser) throws IOException {
        int seen = 0;
        int present = 0;
        SdpType type = null;
        boolean sdpBlank = true;
        boolean candidateEmpty = true;
        boolean candidateBlank = true;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            int bit = switch (field) {
                case "type" -> TYPE;
                case "sdp" -> SDP;
                case "candidate" -> CANDIDATE;
                case "sdpMid" -> MID;
                case "sdpMLineIndex" -> INDEX;
                case "usernameFragment" -> FRAGMENT;
                default -> 0;
            };
            if (bit == 0) {
                parser.skipChildren();
                continue;
            }
            if ((seen & bit) != 0) {
                return null;
            }
            seen |= bit;
            if (value == JsonToken.VALUE_NULL) {
                continue; // as good as absent, as for the full decoder
            }
            present |= bit;
            if (bit == INDEX) {
                if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT
                        || parser.getIntValue() < 0 || parser.getIntValue() > 65535) {
                    return null;
                }
                continue;
            }
            if (value != JsonToken.VALUE_STRING) {
                return null; // another type: the full decoder's rules for those are its own
            }
            if (bit == TYPE) {
                type = sdpType(parser.getText());
                if (type == null) {
                    return null;
                }
            } else if (bit == SDP) {
                sdpBlank = blank(parser);
            } else if (bit == CANDIDATE) {
                candidateEmpty = parser.getTextLength() == 0;
                candidateBlank = blank(parser);
            }
        }
        if (type != null) {
            if (type != SdpType.ROLLBACK && ((present & SDP) == 0 || sdpBlank)) {
                return null;
            }
            return switch (type) {
                case OFFER -> CallEvent.OFFER;
                case ANSWER -> CallEvent.ANSWER;
                case PRANSWER -> CallEvent.PRANSWER;
                case ROLLBACK -> CallEvent.ROLLBACK;
            };
        }
        if ((present & CANDIDATE) == 0) {
            return null;
        }
        if (candidateEmpty) {
            return CallEvent.END_OF_CANDIDATES;
        }
        return candidateBlank ? null : CallEvent.CANDIDATE;
    }

    private static SdpType sdpType(String wire) {
        for (SdpType t : SdpType.values()) {
            if (t.wireName().equals(wire)) {
                return t;
            }
        }
        return null;
    }

    /** Whether the current string token is empty or only whitespace, read in the parser's own buffer. */
    private static boolean blank(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int from = parser.getTextOffset();
        int to = from + parser.getTextLength();
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }
}
