package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Which program a party uses ({@code quality.report.client}), so the call's history can say who measured its
 * figures: the patient is usually in a browser, but may use the console's call engine like the doctor.
 */
public enum ClientKind implements WireEnum {
    /** The patient's page in a web browser. */
    BROWSER,
    /** CareCall's own call engine (the doctor's desktop console, or an engine in the patient's place). */
    CONSOLE;

    /** Parses a wire name; rejects anything else with {@link ErrorCode#INVALID_FIELD}. */
    @JsonCreator
    public static ClientKind fromWire(String value) {
        return WireEnums.parse(ClientKind.class, value, "client");
    }
}
