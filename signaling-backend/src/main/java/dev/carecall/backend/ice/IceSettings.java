package dev.carecall.backend.ice;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.ServerSettings;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.IceServer;
import io.helidon.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The STUN and TURN servers handed to clients.
 *
 * @param servers STUN servers and TURN servers with fixed users, handed to everybody as they are
 * @param turn    a TURN server whose credentials are minted per person from its shared secret, or null
 */
public record IceSettings(List<IceServer> servers, TurnSettings turn) {
    /** No STUN, no TURN: calls work between hosts that reach each other directly. */
    public static final IceSettings NONE = new IceSettings(List.of(), null);

    public IceSettings {
        servers = List.copyOf(servers);
    }

    /**
     * {@code carecall.ice.servers}, and {@code carecall.turn.urls} either with {@code carecall.turn.secret}
     * (credentials minted per person) or with {@code carecall.turn.username} / {@code .credential} (a static user).
     */
    public static IceSettings fromConfig(Config carecall) {
        List<IceServer> servers = new ArrayList<>();
        for (Config server : carecall.get("ice.servers").asNodeList().orElse(List.of())) {
            servers.add(new IceServer(server.get("urls").asList(String.class).orElse(List.of()),
                    server.get("username").asString().orElse(null),
                    server.get("credential").asString().orElse(null)));
        }
        Config turn = carecall.get("turn");
        String urls = text(turn, "urls") != null ? text(turn, "urls") : text(turn, "url");
        String secret = text(turn, "secret");
        if (secret == null) {
            if (urls != null) {
                servers.add(new IceServer(ServerSettings.splitUrls(urls), text(turn, "username"),
                        text(turn, "credential")));
            }
            return new IceSettings(servers, null);
        }
        if (urls == null) {
            throw new CareCallException(ErrorCode.INTERNAL_ERROR,
                    "carecall.turn.secret is set but carecall.turn.urls is not: list the TURN server's turn: and "
                            + "turns: URLs, comma-separated.");
        }
        try {
            return new IceSettings(servers, new TurnSettings(ServerSettings.splitUrls(urls), secret,
                    turn.get("ttl").as(Duration.class).orElse(TurnSettings.DEFAULT_TTL)));
        } catch (IllegalArgumentException e) {
            throw new CareCallException(ErrorCode.INTERNAL_ERROR, e.getMessage());
        }
    }

    private static String text(Config c, String key) {
        return c.get(key).asString().filter(s -> !s.isBlank()).orElse(null);
    }
}
