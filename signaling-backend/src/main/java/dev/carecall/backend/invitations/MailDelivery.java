package dev.carecall.backend.invitations;

import dev.carecall.backend.outbox.Delivery;
import dev.carecall.backend.outbox.OutboxEntry;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * Sends an invitation mail through SMTP (Angus Mail): a plain-text and an HTML part and the {@code .ics} entry. With
 * no SMTP server configured (the demo) the mail is written as an {@code .eml} file instead.
 */
final class MailDelivery implements Delivery {
    private static final System.Logger LOG = System.getLogger(MailDelivery.class.getName());
    private static final String TIMEOUT_MILLIS = "10000";

    private final InvitationSource source;
    private final InvitationSettings settings;
    private final Clock clock;
    private final Session session;

    MailDelivery(InvitationSource source, InvitationSettings settings, Clock clock) {
        this.source = source;
        this.settings = settings;
        this.clock = clock;
        this.session = Session.getInstance(properties(settings));
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailure {
        var prepared = source.prepare(entry);
        if (prepared.isEmpty()) {
            LOG.log(Level.INFO, "outbox " + entry.id() + ": nothing to send any more (cancelled or moved)");
            return;
        }
        try {
            MimeMessage mail = compose(entry, prepared.get());
            if (settings.smtpHost() == null) {
                write(entry, mail);
            } else if (settings.smtpUsername() != null) {
                Transport.send(mail, settings.smtpUsername(), settings.smtpPassword());
            } else {
                Transport.send(mail);
            }
        } catch (AddressException e) {
            throw new DeliveryFailure("the address is not valid", true);
        } catch (SendFailedException e) {
            throw new DeliveryFailure("the mail server refused the address", false);
        } catch (MessagingException e) {
            // The exception's text may quote the server's answer, never our password.
            throw new DeliveryFailure("the mail server could not be reached or refused the mail: "
                    + e.getClass().getSimpleName(), false);
        } catch (IOException e) {
            throw new DeliveryFailure("the mail could not be written: " + e.getMessage(), false);
        }
    }

    private MimeMessage compose(OutboxEntry entry, InvitationSource.Prepared p) throws MessagingException {
        InvitationText text = p.text();
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(settings.from()));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(entry.target(), true));
        mail.setSubject(text.subject(p.purpose()), StandardCharsets.UTF_8.name());
        mail.setSentDate(Date.from(clock.instant()));
        mail.setHeader("Auto-Submitted", "auto-generated");
        mail.setHeader("Content-Language", p.appointment().language() == null ? "en" : p.appointment().language());

        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text.plain(p.purpose()), StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setText(text.html(p.purpose()), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative", plain, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);

        MimeBodyPart calendar = new MimeBodyPart();
        calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(
                text.calendar(InvitationText.icsStamp(clock.instant())).getBytes(StandardCharsets.UTF_8),
                "text/calendar; charset=UTF-8; method=PUBLISH")));
        calendar.setFileName("appointment.ics");
        calendar.setDisposition(Part.ATTACHMENT);

        mail.setContent(new MimeMultipart("mixed", body, calendar));
        mail.saveChanges();
        return mail;
    }

    private void write(OutboxEntry entry, MimeMessage mail) throws IOException, MessagingException {
        Files.createDirectories(settings.mailDir());
        Path file = settings.mailDir().resolve("invitation-" + entry.id() + ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            mail.writeTo(out);
        }
        LOG.log(Level.INFO, "outbox " + entry.id() + ": mail written to " + file.toAbsolutePath()
                + " (no SMTP server configured)");
    }

    private static Properties properties(InvitationSettings s) {
        Properties p = new Properties();
        if (s.smtpHost() != null) {
            p.put("mail.smtp.host", s.smtpHost());
            p.put("mail.smtp.port", Integer.toString(s.smtpPort()));
        }
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.auth", Boolean.toString(s.smtpUsername() != null));
        switch (s.smtpTls()) {
            case "tls" -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case "none" -> {
                // plain SMTP: only to a relay on the same host or network
            }
            default -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }
}
