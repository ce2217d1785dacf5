package dev.carecall.protocol;

/** Parses the wire names of enums strictly: anything but a known name is an {@link ErrorCode#INVALID_FIELD}. */
final class WireEnums {
    private WireEnums() {
    }

    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String value, String field) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.wireName().equals(value)) {
                    return constant;
                }
            }
        }
        throw new ProtocolException(ErrorCode.INVALID_FIELD, "field '" + field + "' has unknown value '" + value + "'");
    }
}
