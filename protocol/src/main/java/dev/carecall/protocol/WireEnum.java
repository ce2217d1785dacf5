package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * An enum the protocol carries as a wire name. The name is the constant's in lower case ({@code PATIENT} is
 * {@code patient}, {@code PEER_LOST} is {@code peer_lost}); an enum whose wire spelling differs overrides
 * {@link #wireName()}. Jackson writes the wire name through the {@link JsonValue} here; reading stays with each
 * enum's own {@code fromWire}, since only the enum knows which field it stands in for the error message.
 */
public interface WireEnum {
    /** The constant's name; every enum has it. */
    String name();

    /** The wire name. */
    @JsonValue
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
