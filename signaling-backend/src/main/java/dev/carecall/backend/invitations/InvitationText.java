package dev.carecall.backend.invitations;

import dev.carecall.backend.integration.ExternalAppointment;

import java.text.MessageFormat;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What an invitation says, in the patient's language ({@code mail*.properties} beside this class) with the time in
 * the patient's time zone: plain text, HTML, SMS text, and the {@code .ics} calendar entry.
 */
final class InvitationText {
    /** Consultations are planned as half an hour in the calendar entry. */
    private static final long CALENDAR_MINUTES = 30;
    private static final DateTimeFormatter ICS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ResourceBundle words;
    private final Object[] args;
    private final ExternalAppointment appointment;
    private final String link;

    InvitationText(ExternalAppointment a, String link) {
        Locale locale = Locale.forLanguageTag(a.language() == null ? "en" : a.language());
        this.words = ResourceBundle.getBundle("dev.carecall.backend.invitations.mail", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.appointment = a;
        this.link = link;
        this.args = new Object[]{a.patientName(), a.doctorName(), time(a, locale), link};
    }

    /** E.g. "Monday, 4 May 2026, 09:30 (Europe/Berlin)": the patient's own clock, with the zone named. */
    static String time(ExternalAppointment a, Locale locale) {
        ZoneId zone;
        try {
            zone = a.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(a.timeZone());
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
                .format(a.scheduledAt().atZone(zone)) + " (" + zone.getId() + ")";
    }

    String subject(String purpose) {
        return say("subject." + purpose);
    }

    String plain(String purpose) {
        return say("greeting") + "\n\n" + say("body." + purpose) + "\n\n" + say("body.how") + "\n\n" + link
                + "\n\n" + say("footer") + "\n";
    }

    String html(String purpose) {
        return "<!DOCTYPE html><html lang=\"" + language() + "\"><body style=\"font-family:sans-serif\">"
                + "<p>" + escape(say("greeting")) + "</p>"
                + "<p>" + escape(say("body." + purpose)) + "</p>"
                + "<p>" + escape(say("body.how")) + "</p>"
                + "<p><a href=\"" + escape(link) + "\" style=\"display:inline-block;padding:12px 20px;"
                + "background:#0b5cad;color:#fff;text-decoration:none;border-radius:6px\">"
                + escape(say("button")) + "</a></p>"
                + "<p style=\"font-size:small\">" + escape(link) + "</p>"
                + "<p>" + escape(say("footer")) + "</p></body></html>";
    }

    String sms(String purpose) {
        return say("sms." + purpose);
    }

    /** An iCalendar (RFC 5545) event with the link; times in UTC, which every calendar shows in its own zone. */
    String calendar(String stamp) {
        return "BEGIN:VCALENDAR\r\n"
                + "VERSION:2.0\r\n"
                + "PRODID:-//CareCall//Invitations//EN\r\n"
                + "METHOD:PUBLISH\r\n"
                + "BEGIN:VEVENT\r\n"
                + "UID:appointment-" + appointment.id() + "@carecall\r\n"
                + "DTSTAMP:" + stamp + "\r\n"
                + "DTSTART:" + ICS_TIME.format(appointment.scheduledAt()) + "\r\n"
                + "DTEND:" + ICS_TIME.format(appointment.scheduledAt().plusSeconds(CALENDAR_MINUTES * 60)) + "\r\n"
                + fold("SUMMARY:" + icsText(say("calendar.summary"))) + "\r\n"
                + fold("DESCRIPTION:" + icsText(say("body.how") + "\n" + link)) + "\r\n"
                + fold("URL:" + link) + "\r\n"
                + "END:VEVENT\r\n"
                + "END:VCALENDAR\r\n";
    }

    static String icsStamp(java.time.Instant now) {
        return ICS_TIME.format(now);
    }

    private String language() {
        return appointment.language() == null ? "en" : appointment.language();
    }

    private String say(String key) {
        return new MessageFormat(words.getString(key), words.getLocale()).format(args);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String icsText(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
    }

    /** RFC 5545 lines are at most 75 octets; longer ones continue on lines that start with a space. */
    private static String fold(String line) {
        StringBuilder out = new StringBuilder();
        int width = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int bytes = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (width + bytes > 74) {
                out.append("\r\n ");
                width = 1;
            }
            out.appendCodePoint(cp);
            width += bytes;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
