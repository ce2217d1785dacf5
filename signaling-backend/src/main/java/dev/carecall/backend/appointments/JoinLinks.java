package dev.carecall.backend.appointments;

import dev.carecall.backend.auth.Tokens;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The patients' join links: {@code <base>/join/{id}?token=...}. The token opens that one appointment, only while its
 * link version is the appointment's (sending a new link raises it), and expires {@code carecall.auth.patient.validity}
 * after the appointment's time (or after the link was made, if that is later, so a link handed out for a past
 * appointment still works for a late call).
 */
public final class JoinLinks {
    private final Tokens tokens;
    private final Duration validity;
    private final Clock clock;

    public JoinLinks(Tokens tokens, Duration validity, Clock clock) {
        this.tokens = tokens;
        this.validity = validity;
        this.clock = clock;
    }

    public String token(long appointmentId, int linkVersion, Instant scheduledAt) {
        Instant now = clock.instant();
        Instant from = scheduledAt.isAfter(now) ? scheduledAt : now;
        return tokens.patientToken(appointmentId, linkVersion, from.plus(validity));
    }

    /** The absolute link; {@code base} is the server's public address, e.g. {@code https://clinic.example.org:8443}. */
    public String url(URI base, long appointmentId, int linkVersion, Instant scheduledAt) {
        String root = base.toString().replaceAll("/+$", "");
        return root + "/join/" + appointmentId + "?token=" + token(appointmentId, linkVersion, scheduledAt);
    }
}
