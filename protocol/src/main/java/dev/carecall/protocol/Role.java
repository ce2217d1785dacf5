package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The two people of a consultation. On the wire: {@code "doctor"} or {@code "patient"}. */
public enum Role implements WireEnum {
    DOCTOR,
    PATIENT;

    /** The other party of a consultation. */
    public Role other() {
        return this == DOCTOR ? PATIENT : DOCTOR;
    }

    /** Parses a wire name; rejects anything else with {@link ErrorCode#INVALID_FIELD}. */
    @JsonCreator
    public static Role fromWire(String value) {
        return WireEnums.parse(Role.class, value, "role");
    }
}
