package dev.carecall.backend.invitations;

import io.helidon.config.Config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where invitations go out.
 *
 * @param smtpHost       the SMTP server, or null: mails are written as {@code .eml} files to {@code mailDir}
 * @param smtpPort       its port (587 with STARTTLS, 465 with TLS, 25)
 * @param smtpUsername   sign-in at the SMTP server, or null
 * @param smtpPassword   its password, or null; never logged
 * @param smtpTls        {@code starttls}, {@code tls} or {@code none}
 * @param from           the sender, e.g. {@code CareCall <noreply@clinic.example>}
 * @param mailDir        the folder for {@code .eml} files when there is no SMTP server (the demo), or null
 * @param smsGateway     the clinic's SMS gateway, which gets {@code POST {"to","text"}}; null: SMS only logged
 * @param smsToken       bearer token for the gateway, or null; never logged
 * @param reminderBefore how long before the appointment the reminder goes; zero: no reminder
 */
public record InvitationSettings(String smtpHost, int smtpPort, String smtpUsername, String smtpPassword,
                                 String smtpTls, String from, Path mailDir, URI smsGateway, String smsToken,
                                 Duration reminderBefore) {

    /** No SMTP server: mails become files in {@code ./data/mail}; SMS are logged; reminder an hour before. */
    public static final InvitationSettings DEFAULTS = new InvitationSettings(null, 587, null, null, "starttls",
            "CareCall <noreply@localhost>", Path.of("data", "mail"), null, null, Duration.ofHours(1));

    @Override
    public String toString() {
        // The password and token must never reach a log line through this record.
        return "InvitationSettings[smtp=" + (smtpHost == null ? "-" : smtpHost + ":" + smtpPort) + ", mailDir="
                + mailDir + ", sms=" + (smsGateway == null ? "log" : smsGateway.getHost()) + ", reminderBefore="
                + reminderBefore + "]";
    }

    public InvitationSettings withSmtp(String host, int port) {
        return new InvitationSettings(host, port, smtpUsername, smtpPassword, "none", from, mailDir, smsGateway,
                smsToken, reminderBefore);
    }

    public InvitationSettings withSmtpLogin(String username, String password) {
        return new InvitationSettings(smtpHost, smtpPort, username, password, smtpTls, from, mailDir, smsGateway,
                smsToken, reminderBefore);
    }

    public InvitationSettings withMailDir(Path dir) {
        return new InvitationSettings(smtpHost, smtpPort, smtpUsername, smtpPassword, smtpTls, from, dir, smsGateway,
                smsToken, reminderBefore);
    }

    public InvitationSettings withSmsGateway(URI gateway, String token) {
        return new InvitationSettings(smtpHost, smtpPort, smtpUsername, smtpPassword, smtpTls, from, mailDir, gateway,
                token, reminderBefore);
    }

    public InvitationSettings withReminderBefore(Duration before) {
        return new InvitationSettings(smtpHost, smtpPort, smtpUsername, smtpPassword, smtpTls, from, mailDir,
                smsGateway, smsToken, before);
    }

    /** {@code carecall.mail.*}, {@code carecall.sms.*}, {@code carecall.invitations.reminder-before}. */
    public static InvitationSettings fromConfig(Config c, Path dataDir) {
        String host = c.get("mail.smtp.host").asString().filter(s -> !s.isBlank()).orElse(null);
        String gateway = c.get("sms.gateway").asString().filter(s -> !s.isBlank()).orElse(null);
        return new InvitationSettings(host,
                c.get("mail.smtp.port").asInt().orElse(587),
                c.get("mail.smtp.username").asString().filter(s -> !s.isBlank()).orElse(null),
                c.get("mail.smtp.password").asString().filter(s -> !s.isBlank()).orElse(null),
                c.get("mail.smtp.tls").asString().orElse("starttls"),
                c.get("mail.from").asString().filter(s -> !s.isBlank()).orElse(DEFAULTS.from()),
                dataDir.resolve("mail"),
                gateway == null ? null : URI.create(gateway),
                c.get("sms.token").asString().filter(s -> !s.isBlank()).orElse(null),
                c.get("invitations.reminder-before").as(Duration.class).orElse(DEFAULTS.reminderBefore()));
    }
}
