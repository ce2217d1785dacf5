package dev.carecall.backend.admin;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.integration.IntegrationStore;
import dev.carecall.backend.integration.Scope;
import dev.carecall.backend.integration.ServiceKeys;
import dev.carecall.backend.storage.Database;
import dev.carecall.protocol.ErrorCode;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * {@code --add-service-key --name=booking --scopes=appointments:write,payments:write [--webhook-url=https://...]}
 * (prints the key, and the webhook secret, once), {@code --revoke-service-key --name=booking},
 * {@code --list-service-keys}.
 */
final class ServiceKeyCommands {
    private ServiceKeyCommands() {
    }

    static boolean isServiceKeyCommand(String arg) {
        return arg.equals("--add-service-key") || arg.equals("--revoke-service-key")
                || arg.equals("--list-service-keys");
    }

    static String run(String command, Map<String, String> options, Database database, Clock clock) {
        ServiceKeys keys = new ServiceKeys(new IntegrationStore(database.client()), clock);
        return switch (command) {
            case "--add-service-key" -> add(keys, options);
            case "--revoke-service-key" -> {
                String name = AdminCommands.required(options, "name");
                if (!keys.revoke(name)) {
                    throw new CareCallException(ErrorCode.BAD_REQUEST, "There is no active service key named "
                            + name + ".");
                }
                yield "Revoked service key " + name + ": it stops working with its next request.";
            }
            default -> {
                var lines = keys.describe();
                yield lines.isEmpty() ? "No service keys." : String.join("\n", lines);
            }
        };
    }

    private static String add(ServiceKeys keys, Map<String, String> options) {
        Set<Scope> scopes;
        try {
            scopes = Scope.parseList(AdminCommands.required(options, "scopes"));
        } catch (IllegalArgumentException e) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        URI webhook = null;
        String url = options.get("webhook-url");
        if (url != null && !url.isBlank()) {
            webhook = URI.create(url.strip());
            if (!"https".equals(webhook.getScheme()) && !"http".equals(webhook.getScheme())) {
                throw new CareCallException(ErrorCode.BAD_REQUEST, "--webhook-url must be an http(s) address.");
            }
        }
        ServiceKeys.NewKey made = keys.create(AdminCommands.required(options, "name"), scopes, webhook);
        StringBuilder out = new StringBuilder("Added service key " + made.name() + " (" + Scope.toList(scopes)
                + "). It is shown only now; store it in the clinic system's secrets:\n" + made.key());
        if (made.webhookSecret() != null) {
            out.append("\nWebhook signing secret (shown only now):\n").append(made.webhookSecret());
        }
        return out.toString();
    }
}
