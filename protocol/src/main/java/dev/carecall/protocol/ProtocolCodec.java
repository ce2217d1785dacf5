package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one place where protocol messages and REST bodies become JSON and back. Thread-safe; share one instance.
 *
 * <p>Decoding is strict about what matters and lenient about what does not: unknown fields are ignored (so a newer
 * peer can add fields), but malformed JSON, an unknown {@code type}, a missing required field or a field of the
 * wrong JSON type (a number where text belongs, text where a boolean belongs) is a {@link ProtocolException}.
 *
 * <p>Client messages are read as one envelope ({@link ClientMessage}); server messages are read per socket family
 * ({@link RoomMessage} or {@link LobbyMessage}), so a message of the other family is an unknown type there. A
 * {@link SignalPayload} is written back exactly as it was read.
 */
public final class ProtocolCodec {
    private static final Map<Class<?>, Map<String, Class<?>>> WIRE_NAMES = Map.of(
            ClientMessage.class, wireNames(ClientMessage.class), ServerMessage.class, wireNames(ServerMessage.class));

    /** Buffer sets kept for reuse; more than the carrier threads that can parse at the same time. */
    private static final int RECYCLED_BUFFERS = 64;

    private final ObjectMapper mapper;

    /** A codec with the protocol's settings. */
    public ProtocolCodec() {
        // Jackson keeps a parser's buffers per thread by default, and every socket reads on a virtual thread of its
        // own that lives as long as the socket: 4 KiB and more held per socket. One shared pool keeps as many buffer
        // sets as parse at once, which the carrier threads bound.
        JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.newBoundedPool(RECYCLED_BUFFERS))
                .build();
        JsonMapper jsonMapper = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(new SimpleModule("carecall-signal")
                        .addSerializer(SignalPayload.class, new SignalWriter())
                        .addDeserializer(SignalPayload.class, new SignalReader()))
                .build();
        // Every message record, found from the sealed envelopes, so a new record cannot be left out of a list.
        WIRE_NAMES.values().forEach(names -> names.forEach((name, record) ->
                jsonMapper.registerSubtypes(new NamedType(record, name))));
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
        return decode(text, ClientMessage.class, ClientMessage.class);
    }

    /**
     * Reads a client's message for relaying if it is a valid {@code signal}, parsing only its envelope (the payload is
     * kept as sent, for {@link RelayedSignal#encodeFrom}); null for anything else, which {@link #decodeClient} reads.
     */
    public RelayedSignal relayable(String text) {
        return RelayedSignal.read(mapper.getFactory(), text);
    }

    /** Reads a message the server sent, of either family. */
    public ServerMessage decodeServer(String text) {
        return decode(text, ServerMessage.class, ServerMessage.class);
    }

    /**
     * Reads a message the server sent on a socket of this family: {@code RoomMessage.class} on a room socket,
     * {@code LobbyMessage.class} on the lobby socket. A message of the other family is {@link ErrorCode#UNKNOWN_TYPE}.
     */
    public <M extends ServerMessage> M decodeServer(String text, Class<M> family) {
        return decode(text, ServerMessage.class, family);
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

    /** Parses any JSON text to a tree (for tests and tools that look into a message). */
    public JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "not valid JSON: " + e.getOriginalMessage(),
                    null, e);
        }
    }

    private <T, M extends T> M decode(String text, Class<T> envelope, Class<M> family) {
        if (text != null && text.length() > Protocol.MAX_MESSAGE_BYTES
                && text.getBytes(StandardCharsets.UTF_8).length > Protocol.MAX_MESSAGE_BYTES) {
            throw new ProtocolException(ErrorCode.MESSAGE_TOO_LARGE,
                    "message is larger than " + Protocol.MAX_MESSAGE_BYTES + " bytes");
        }
        JsonNode tree = readObject(text, "message");
        JsonNode requestIdNode = tree.get("requestId");
        // Only a usable id is echoed: an error about the id itself cannot carry it.
        String requestId = requestIdNode != null && requestIdNode.isTextual() && !requestIdNode.asText().isEmpty()
                && requestIdNode.asText().length() <= Protocol.MAX_REQUEST_ID_LENGTH ? requestIdNode.asText() : null;
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field 'type' is required", requestId, null);
        }
        if (!typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'type' must be text", requestId, null);
        }
        Class<?> named = WIRE_NAMES.get(envelope).get(typeNode.asText());
        if (named != null && !family.isAssignableFrom(named)) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "message type '" + typeNode.asText()
                    + "' is not a " + family.getSimpleName() + ": it does not arrive on this socket", requestId, null);
        }
        try {
            return family.cast(mapper.treeToValue(tree, envelope));
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

    /**
     * An envelope's wire names and their records: every record its sealed hierarchy permits, under its name with a
     * small first letter or the name its {@code @JsonTypeName} gives. Two records of one name stop the codec from
     * loading.
     */
    static Map<String, Class<?>> wireNames(Class<?> envelope) {
        Map<String, Class<?>> names = new TreeMap<>();
        for (Class<?> record : messageRecords(envelope)) {
            String name = wireName(record);
            Class<?> before = names.put(name, record);
            if (before != null && before != record) {
                throw new IllegalStateException("two messages named '" + name + "': " + before.getName() + " and "
                        + record.getName());
            }
        }
        return Collections.unmodifiableMap(names);
    }

    /** {@code StartCall} is {@code startCall} on the wire, unless its {@code @JsonTypeName} names it otherwise. */
    static String wireName(Class<?> record) {
        JsonTypeName named = record.getAnnotation(JsonTypeName.class);
        String simple = record.getSimpleName();
        return named != null ? named.value() : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /** The records below a sealed type (a record may sit under two families, as {@code registered} does). */
    private static Set<Class<?>> messageRecords(Class<?> type) {
        if (type.isRecord()) {
            return Set.of(type);
        }
        if (!type.isSealed()) {
            throw new IllegalStateException(type.getName() + " is neither a message record nor a sealed family");
        }
        Set<Class<?>> records = new LinkedHashSet<>();
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            records.addAll(messageRecords(permitted));
        }
        return records;
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

    /** Writes a signal payload as the object its sender wrote. */
    private static final class SignalWriter extends StdSerializer<SignalPayload> {
        SignalWriter() {
            super(SignalPayload.class);
        }

        @Override
        public void serialize(SignalPayload value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeTree(value.wire());
        }
    }

    /** Reads a signal payload into its typed form; a bad shape is the payload's {@link ProtocolException}. */
    private static final class SignalReader extends StdDeserializer<SignalPayload> {
        SignalReader() {
            super(SignalPayload.class);
        }

        @Override
        public SignalPayload deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(parser);
            if (!(tree instanceof ObjectNode object)) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'signal' must be a JSON object");
            }
            return SignalPayload.read(object);
        }
    }
}
