package dev.carecall.backend.invitations;

import dev.carecall.backend.outbox.Delivery.DeliveryFailure;

/** Sends one text message; the clinic's gateway ({@link HttpSmsGateway}) or the demo's log ({@link LogSmsGateway}). */
public interface SmsGateway {

    /**
     * @param to   the number in international form, e.g. +4930123456
     * @param text the message
     * @throws DeliveryFailure when it did not go out
     */
    void send(String to, String text) throws DeliveryFailure;
}
