package dev.carecall.backend.integration;

import java.net.URI;
import java.util.Set;

/**
 * A clinic system, as its service key identifies it.
 *
 * @param id            the key's row id
 * @param name          the name it was created under, e.g. {@code booking}; in the audit log as {@code service:NAME}
 * @param scopes        what it may do
 * @param webhookUrl    where its webhooks go, or null
 * @param webhookSecret what signs them, or null; never answered or logged
 */
public record ServiceClient(long id, String name, Set<Scope> scopes, URI webhookUrl, String webhookSecret) {

    /** For the audit table. */
    public String auditName() {
        return "service:" + name;
    }

    @Override
    public String toString() {
        // A record prints every component; the secret must never reach a log line through it.
        return "ServiceClient[" + id + ", " + name + ", " + Scope.toList(scopes) + "]";
    }
}
