package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The two people of a consultation. On the wire: {@code "doctor"} or {@code "patient"}. */
public enum Role {
    DOCTOR,
    PATIENT;

    /** The wire name. */
    @JsonValue
    public String wireName() {
        return WireEnums.lowerCase(this);
    }

    /** The other party of a consultation. */
    public Role other() {
        return this == DOCTOR ? PATIENT : DOCTOR;
    }

    /** Parses a wire name; rejects anything else with {@link ErrorCode#INVALID_FIELD}. */
    @JsonCreator
    public static Role fromWire(String value) {
        return WireEnums.parse(Role.class, value, "role", Role::wireName);
    }
}
