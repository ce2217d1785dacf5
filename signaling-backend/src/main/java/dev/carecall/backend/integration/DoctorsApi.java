package dev.carecall.backend.integration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.Passwords;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.ErrorCode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/** Doctors as the clinic's systems create and rename them. */
final class DoctorsApi {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IntegrationStore store;
    private final CareCallStore careCall;
    private final Clock clock;

    DoctorsApi(IntegrationStore store, CareCallStore careCall, Clock clock) {
        this.store = store;
        this.careCall = careCall;
        this.clock = clock;
    }

    ExternalDoctor create(ServiceClient client, JsonNode body) {
        Fields f = Fields.of(body);
        String externalId = f.externalId("externalId", true);
        String username = f.username("username", true);
        String displayName = f.text("displayName", true, 200);
        String password = password(f);
        if (username != null && careCall.findDoctor(username).isPresent()) {
            f.problem("username", FieldProblem.INVALID, "The user name " + username + " is taken.");
        }
        f.check();
        if (store.doctor(externalId).isPresent()) {
            throw exists(externalId);
        }
        // Without a password the doctor cannot sign in until one is set: a random one nobody knows.
        String hash = Passwords.hash(password != null ? password : random());
        Instant now = clock.instant();
        try {
            store.insertDoctor(externalId, username, hash, displayName, now);
        } catch (RuntimeException e) {
            if (IntegrationStore.isUniqueViolation(e)) {
                throw exists(externalId);
            }
            throw e;
        }
        careCall.audit(now, client.auditName(), "doctor-created", null, "externalId " + externalId);
        return find(externalId);
    }

    ExternalDoctor update(ServiceClient client, String externalId, JsonNode body) {
        ExternalDoctor d = find(externalId);
        Fields f = Fields.of(body);
        String displayName = f.text("displayName", false, 200);
        String password = password(f);
        f.check();
        if (displayName != null && !displayName.equals(d.displayName())) {
            store.renameDoctor(d.id(), displayName);
            careCall.audit(clock.instant(), client.auditName(), "doctor-updated", null,
                    "externalId " + externalId + ": displayName");
        }
        if (password != null) {
            store.setDoctorPassword(d.id(), Passwords.hash(password));
            careCall.audit(clock.instant(), client.auditName(), "doctor-updated", null,
                    "externalId " + externalId + ": password");
        }
        return find(externalId);
    }

    ExternalDoctor find(String externalId) {
        return store.doctor(externalId).orElseThrow(() -> new CareCallException(ErrorCode.DOCTOR_NOT_FOUND,
                "There is no doctor with externalId " + externalId + "."));
    }

    private static String password(Fields f) {
        String password = f.text("password", false, 200);
        if (password != null && password.length() < 10) {
            f.problem("password", FieldProblem.INVALID, "password needs at least 10 characters.");
            return null;
        }
        return password;
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static CareCallException exists(String externalId) {
        return new CareCallException(ErrorCode.CONFLICT, "A doctor with externalId " + externalId
                + " exists already. Change it with PATCH /api/integration/v1/doctors/" + externalId + ".");
    }
}
