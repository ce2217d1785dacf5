package dev.carecall.backend.storage;

import io.helidon.dbclient.DbRow;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A row's values by lower-case column name. H2 reports column names in upper case and PostgreSQL in lower case, and
 * their drivers hand back different Java types for the same SQL type; this is where that difference ends.
 */
public final class Rows {
    private final Map<String, Object> values = new HashMap<>();

    private Rows(DbRow row) {
        // A column is an optional value: SQL NULL is an empty one, and get() would throw on it.
        row.forEach(column -> values.put(column.name().toLowerCase(Locale.ROOT), column.asOptional().orElse(null)));
    }

    public static Rows of(DbRow row) {
        return new Rows(row);
    }

    public long longValue(String column) {
        return ((Number) require(column)).longValue();
    }

    public Long optionalLong(String column) {
        Object value = values.get(column);
        return value == null ? null : ((Number) value).longValue();
    }

    public Double optionalDouble(String column) {
        Object value = values.get(column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    public String text(String column) {
        Object value = values.get(column);
        return value == null ? null : value.toString();
    }

    public boolean bool(String column) {
        return (Boolean) require(column);
    }

    public Instant instant(String column) {
        return switch (values.get(column)) {
            case null -> null;
            case OffsetDateTime odt -> odt.toInstant();
            case Timestamp ts -> ts.toInstant();
            case Instant i -> i;
            case java.time.ZonedDateTime zdt -> zdt.toInstant();
            case java.time.LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
            case Object other -> throw new IllegalStateException(
                    "column " + column + " holds an unexpected " + other.getClass().getName());
        };
    }

    /** The value to bind for a timestamp column: an offset date-time, which H2 and PostgreSQL both accept. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private Object require(String column) {
        Object value = values.get(column);
        if (value == null) {
            throw new IllegalStateException("column " + column + " is null or missing");
        }
        return value;
    }
}
