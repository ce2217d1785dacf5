package dev.carecall.backend.integration;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a service key may do; on the command line and in answers by its wire name, e.g. {@code payments:write}. */
public enum Scope {
    /** Create, update, cancel and read appointments. */
    APPOINTMENTS_WRITE,
    /** Mark appointments paid or refunded. */
    PAYMENTS_WRITE,
    /** Create, update and read doctors. */
    DOCTORS_WRITE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', ':');
    }

    /** Parses a comma-separated list such as {@code appointments:write,payments:write}. */
    public static Set<Scope> parseList(String list) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String part : list.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            scopes.add(Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a scope; known: "
                            + Arrays.stream(values()).map(Scope::wireName).collect(Collectors.joining(", ")))));
        }
        return scopes;
    }

    public static String toList(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wireName).collect(Collectors.joining(","));
    }
}
