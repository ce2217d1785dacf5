package dev.carecall.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place where protocol messages and REST bodies become JSON and back. Thread-safe; share one instance.
 *
 * <p>Decoding is strict about what matters and lenient about what does not: unknown fields are ignored (so a newer
 * peer can add fields), but malformed JSON, an unknown {@code type}, a missing required field or a field of the
 * wrong JSON type (a number where text belongs, text where a boolean belongs) is a {@link ProtocolException}.
 */
public final class ProtocolCodec {
    private final ObjectMapper mapper;

    /** A codec with the protocol's settings. */
    public ProtocolCodec() {
        JsonMapper jsonMapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // No silent conversions between JSON types: "audio": "yes" or "token": 42 are errors, not guesses.
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer,
                LogicalType.Float)) {
            jsonMapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        this.mapper = jsonMapper;
    }

    /** Reads a message a client sent. */
    public ClientMessage decodeClient(String text) {
        return decode(text, ClientMessage.class);
    }

    /** Reads a message the server sent. */
    public ServerMessage decodeServer(String text) {
        return decode(text, ServerMessage.class);
    }

    /** Writes a client message, with its {@code type}. */
    public String encode(ClientMessage message) {
        return write(message, ClientMessage.class);
    }

    /** Writes a server message, with its {@code type}. */
    public String encode(ServerMessage message) {
        return write(message, ServerMessage.class);
    }

    /** Writes any REST body (the records of {@code dev.carecall.protocol.rest}) as JSON. */
    public String toJson(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    /** Reads a REST body; bad JSON or fields are a {@link ProtocolException} with {@link ErrorCode#BAD_REQUEST}. */
    public <T> T fromJson(String text, Class<T> type) {
        try {
            JsonNode tree = readObject(text, null);
            return mapper.treeToValue(tree, type);
        } catch (ProtocolException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, e.getMessage(), null, e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            ProtocolException cause = protocolCause(e);
            String detail = cause != null ? cause.getMessage() : describe(e);
            throw new ProtocolException(ErrorCode.BAD_REQUEST, detail, null, e);
        }
    }

    /** Reads a JSON array of REST bodies. */
    public <T> List<T> listFromJson(String text, Class<T> elementType) {
        try {
            return mapper.readValue(text, mapper.getTypeFactory().constructCollectionType(List.class, elementType));
        } catch (JsonProcessingException e) {
            ProtocolException cause = protocolCause(e);
            String detail = cause != null ? cause.getMessage() : describe(e);
            throw new ProtocolException(ErrorCode.BAD_REQUEST, detail, null, e);
        }
    }

    /** Parses any JSON text to a tree, for payloads that are passed on unchanged (WebRTC signals). */
    public JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "not valid JSON: " + e.getOriginalMessage(),
                    null, e);
        }
    }

    private <T> T decode(String text, Class<T> type) {
        if (text != null && text.length() > Protocol.MAX_MESSAGE_BYTES
                && text.getBytes(StandardCharsets.UTF_8).length > Protocol.MAX_MESSAGE_BYTES) {
            throw new ProtocolException(ErrorCode.MESSAGE_TOO_LARGE,
                    "message is larger than " + Protocol.MAX_MESSAGE_BYTES + " bytes");
        }
        JsonNode tree = readObject(text, "message");
        JsonNode requestIdNode = tree.get("requestId");
        String requestId = requestIdNode != null && requestIdNode.isTextual()
                && requestIdNode.asText().length() <= Protocol.MAX_REQUEST_ID_LENGTH ? requestIdNode.asText() : null;
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field 'type' is required", requestId, null);
        }
        if (!typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'type' must be text", requestId, null);
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (InvalidTypeIdException e) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    "unknown message type '" + typeNode.asText() + "'", requestId, e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            ProtocolException cause = protocolCause(e);
            if (cause != null) {
                throw cause.withRequestId(requestId);
            }
            throw new ProtocolException(ErrorCode.INVALID_FIELD, describe(e), requestId, e);
        }
    }

    private <T> String write(T message, Class<T> type) {
        try {
            return mapper.writerFor(type).writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName(), e);
        }
    }

    private JsonNode readObject(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "empty " + (what == null ? "body" : what));
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "not valid JSON: " + e.getOriginalMessage(),
                    null, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "a JSON object was expected");
        }
        return tree;
    }

    private static ProtocolException protocolCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProtocolException pe) {
                return pe;
            }
        }
        return null;
    }

    private static String describe(Exception e) {
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String path = jme.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "field '" + path + "' has the wrong type or value";
        }
        if (e instanceof JsonProcessingException jpe) {
            return jpe.getOriginalMessage();
        }
        return e.getMessage();
    }
}
