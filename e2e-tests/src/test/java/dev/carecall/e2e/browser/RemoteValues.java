package dev.carecall.e2e.browser;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a WebDriver BiDi RemoteValue into what Selenium's executeScript returns in Chromium (String, Boolean, Long
 * for whole numbers, Double, List, Map, null), so the tests read both browsers' results the same way.
 */
final class RemoteValues {
    private RemoteValues() {
    }

    static Object toJava(JsonNode v) {
        String type = v.path("type").asText();
        return switch (type) {
            case "undefined", "null" -> null;
            case "string" -> v.path("value").asText();
            case "boolean" -> v.path("value").asBoolean();
            case "number" -> number(v.path("value"));
            case "bigint" -> Long.parseLong(v.path("value").asText());
            case "array", "set" -> list(v.path("value"));
            case "object", "map" -> map(v.path("value"));
            // Elements and other live objects: their shared id is all a test can use of them.
            case "node" -> Map.of("sharedId", v.path("sharedId").asText());
            default -> "[" + type + "]";
        };
    }

    private static Object number(JsonNode n) {
        if (n.isTextual()) {
            return switch (n.asText()) {
                case "NaN" -> Double.NaN;
                case "-0" -> -0.0;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                default -> Double.NEGATIVE_INFINITY;
            };
        }
        double d = n.asDouble();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }

    private static List<Object> list(JsonNode items) {
        List<Object> out = new ArrayList<>();
        items.forEach(item -> out.add(toJava(item)));
        return out;
    }

    private static Map<String, Object> map(JsonNode pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode pair : pairs) {
            JsonNode key = pair.get(0);
            out.put(key.isTextual() ? key.asText() : String.valueOf(toJava(key)), toJava(pair.get(1)));
        }
        return out;
    }
}
