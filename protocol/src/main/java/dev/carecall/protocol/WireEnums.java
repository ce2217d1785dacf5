package dev.carecall.protocol;

import java.util.function.Function;

/** Parses the wire names of enums strictly: anything but a known name is an {@link ErrorCode#INVALID_FIELD}. */
final class WireEnums {
    private WireEnums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field, Function<E, String> wireName) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (wireName.apply(constant).equals(value)) {
                    return constant;
                }
            }
        }
        throw new ProtocolException(ErrorCode.INVALID_FIELD, "field '" + field + "' has unknown value '" + value + "'");
    }

    /** The lower-case form of the constant's name: {@code PATIENT} is {@code patient}, {@code PEER_LOST} is {@code peer_lost}. */
    static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT);
    }
}
