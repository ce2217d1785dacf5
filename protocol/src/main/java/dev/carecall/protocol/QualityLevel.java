package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How a party's side of the call is going ({@code quality.report.level}): good, fair or poor. */
public enum QualityLevel implements WireEnum {
    /** Nothing a person would notice. */
    GOOD,
    /** Noticeable: some loss, delay or a low picture quality, but the call works. */
    FAIR,
    /** Hard to talk: words drop out, the picture freezes or lags. */
    POOR;

    /** The worse of the two. */
    public QualityLevel worst(QualityLevel other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }

    /** Parses a wire name; rejects anything else with {@link ErrorCode#INVALID_FIELD}. */
    @JsonCreator
    public static QualityLevel fromWire(String value) {
        return WireEnums.parse(QualityLevel.class, value, "level");
    }
}
