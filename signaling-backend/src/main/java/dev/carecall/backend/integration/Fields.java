package dev.carecall.backend.integration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a request body's fields one by one and collects what is wrong with each, so one answer names every wrong
 * field ({@link #check()}). Unknown fields are ignored, as everywhere in the protocol.
 */
final class Fields {
    static final Set<String> LANGUAGES = Set.of("en", "de", "es", "fr");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,100}");

    private final JsonNode body;
    private final List<FieldProblem> problems = new ArrayList<>();

    private Fields(JsonNode body) {
        this.body = body;
    }

    static Fields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "The body must be a JSON object.");
        }
        return new Fields(body);
    }

    boolean has(String name) {
        return body.has(name);
    }

    /** Present and JSON null: the client clears an optional field. */
    boolean isNull(String name) {
        return body.has(name) && body.get(name).isNull();
    }

    String text(String name, boolean required, int maxLength) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new FieldProblem(name, FieldProblem.MISSING, name + " is required."));
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > maxLength) {
            problems.add(new FieldProblem(name, FieldProblem.INVALID,
                    name + " must be a text of 1 to " + maxLength + " characters."));
            return null;
        }
        return node.asText().strip();
    }

    String externalId(String name, boolean required) {
        return matching(name, required, EXTERNAL_ID, name
                + " must be 1 to 100 letters, digits or '.', '_', ':', '-'.");
    }

    String username(String name, boolean required) {
        return matching(name, required, USERNAME, name + " must be 3 to 100 letters, digits or '.', '_', '-'.");
    }

    String email(String name) {
        String value = matching(name, false, EMAIL, name + " must be an e-mail address like anna@example.org.");
        if (value != null && value.length() > 320) {
            problems.add(new FieldProblem(name, FieldProblem.INVALID, name + " is longer than 320 characters."));
            return null;
        }
        return value;
    }

    String phone(String name) {
        return matching(name, false, PHONE, name + " must be a number in international form, like +4930123456.");
    }

    String language(String name) {
        String value = text(name, false, 8);
        if (value != null && !LANGUAGES.contains(value)) {
            problems.add(new FieldProblem(name, FieldProblem.INVALID, name + " must be one of en, de, es, fr."));
            return null;
        }
        return value;
    }

    String timeZone(String name) {
        String value = text(name, false, 64);
        if (value != null) {
            try {
                ZoneId.of(value);
            } catch (DateTimeException e) {
                problems.add(new FieldProblem(name, FieldProblem.INVALID,
                        name + " must be a time zone like Europe/Berlin."));
                return null;
            }
        }
        return value;
    }

    Instant instant(String name, boolean required) {
        String value = text(name, required, 64);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, FieldProblem.INVALID,
                    name + " must be a time with its offset, like 2026-05-04T09:30:00+02:00 or 2026-05-04T07:30:00Z."));
            return null;
        }
    }

    Boolean bool(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            problems.add(new FieldProblem(name, FieldProblem.INVALID, name + " must be true or false."));
            return null;
        }
        return node.asBoolean();
    }

    /** A problem found outside this class, e.g. a doctor that does not exist. */
    void problem(String field, String problem, String message) {
        problems.add(new FieldProblem(field, problem, message));
    }

    /** Throws {@link InvalidFields} naming every wrong field, if there is one. */
    void check() {
        if (!problems.isEmpty()) {
            throw new InvalidFields(problems);
        }
    }

    private String matching(String name, boolean required, Pattern pattern, String message) {
        String value = text(name, required, 320);
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(new FieldProblem(name, FieldProblem.INVALID, message));
            return null;
        }
        return value;
    }
}
