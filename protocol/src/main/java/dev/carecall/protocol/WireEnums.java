package dev.carecall.protocol;

import java.util.Locale;

/** Parses lower-case wire names of enums strictly. */
final class WireEnums {
    private WireEnums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return constant;
                }
            }
        }
        throw new ProtocolException(ErrorCode.INVALID_FIELD, "field '" + field + "' has unknown value '" + value + "'");
    }
}
