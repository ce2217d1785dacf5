package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a side judged its call's quality at one moment ({@code QualitySample.level}): {@code good}, {@code fair} or
 * {@code poor}. A call's history counts the time spent at {@link #POOR}.
 */
public enum QualityLevel {
    GOOD,
    FAIR,
    POOR;

    /** The wire name. */
    @JsonValue
    public String wireName() {
        return WireEnums.lowerCase(this);
    }

    /** Parses a wire name; rejects anything else with {@link ErrorCode#INVALID_FIELD}. */
    @JsonCreator
    public static QualityLevel fromWire(String value) {
        return WireEnums.parse(QualityLevel.class, value, "level", QualityLevel::wireName);
    }
}
