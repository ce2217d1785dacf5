package dev.carecall.backend.storage;

/**
 * Where the database is.
 *
 * @param url      JDBC URL: {@code jdbc:h2:file:...}, {@code jdbc:h2:mem:...} or {@code jdbc:postgresql://...}
 * @param username user name (may be empty for H2)
 * @param password password (may be empty)
 */
public record DatabaseSettings(String url, String username, String password) {
    public DatabaseSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a database URL is required");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    /** True for an embedded H2 database. */
    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** Never the password: the settings are printed whole when the server reports how it was configured. */
    @Override
    public String toString() {
        return "DatabaseSettings[url=" + describe() + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "(set)") + "]";
    }

    /** The URL without credentials or parameters, for logs. */
    public String describe() {
        int cut = url.indexOf(isH2() ? ';' : '?');
        return cut < 0 ? url : url.substring(0, cut);
    }
}
