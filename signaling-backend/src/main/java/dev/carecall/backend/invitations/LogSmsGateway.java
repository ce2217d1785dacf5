package dev.carecall.backend.invitations;

import java.lang.System.Logger.Level;

/** The demo's SMS: written to the log instead of sent, so the link can be tried without a gateway. */
final class LogSmsGateway implements SmsGateway {
    private static final System.Logger LOG = System.getLogger(LogSmsGateway.class.getName());

    @Override
    public void send(String to, String text) {
        String masked = to.length() <= 4 ? "****" : "*".repeat(to.length() - 4) + to.substring(to.length() - 4);
        LOG.log(Level.INFO, "SMS to " + masked + " (not sent: no carecall.sms.gateway configured): " + text);
    }
}
