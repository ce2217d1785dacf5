package dev.carecall.backend.admin;

import dev.carecall.backend.BackendSettings;
import dev.carecall.backend.CareCallException;
import dev.carecall.backend.appointments.JoinLinks;
import dev.carecall.backend.auth.LoginThrottle;
import dev.carecall.backend.auth.Passwords;
import dev.carecall.backend.auth.SignIn;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.Database;
import dev.carecall.backend.storage.Doctor;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --add-doctor --username=U --name="Dr. N"} (password from {@code CARECALL_NEW_PASSWORD} or typed) and
 * {@code --add-appointment --doctor=U --patient="P" --at=2026-05-04T09:30:00Z [--paid]} (prints the join link).
 */
public final class AdminCommands {
    private final BackendSettings settings;
    private final Clock clock;

    public AdminCommands(BackendSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** True if the arguments name an admin command. */
    public static boolean isAdmin(String[] args) {
        return args.length > 0 && (args[0].equals("--add-doctor") || args[0].equals("--add-appointment")
                || ServiceKeyCommands.isServiceKeyCommand(args[0]));
    }

    /** Runs the command; returns what to print. */
    public String run(String[] args, String password) {
        Map<String, String> options = options(args);
        try (Database database = Database.open(settings.database())) {
            CareCallStore store = new CareCallStore(database.client(), new ProtocolCodec());
            return switch (args[0]) {
                case "--add-doctor" -> addDoctor(store, options, password);
                case "--add-appointment" -> addAppointment(store, options);
                case String c when ServiceKeyCommands.isServiceKeyCommand(c) ->
                        ServiceKeyCommands.run(c, options, database, clock);
                default -> throw new CareCallException(ErrorCode.BAD_REQUEST, "unknown command " + args[0]);
            };
        }
    }

    private String addDoctor(CareCallStore store, Map<String, String> options, String password) {
        // Stored as sign-in looks names up: trimmed, lower case.
        String username = LoginThrottle.normalise(required(options, "username"));
        String name = required(options, "name");
        if (username.length() > SignIn.MAX_USERNAME) {
            throw new CareCallException(ErrorCode.BAD_REQUEST,
                    "A user name has at most " + SignIn.MAX_USERNAME + " characters.");
        }
        if (password == null || password.length() < 10) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "The password needs at least 10 characters.");
        }
        if (!Passwords.fits(password)) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "The password has more than "
                    + Passwords.MAX_BYTES + " bytes (72 plain letters, fewer with accents): choose a shorter one.");
        }
        if (store.findDoctor(username).isPresent()) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "A doctor named " + username + " exists already.");
        }
        Doctor doctor = store.createDoctor(username, Passwords.hash(password), name, clock.instant());
        return "Added doctor " + doctor.username() + " (" + doctor.displayName() + "), id " + doctor.id();
    }

    private String addAppointment(CareCallStore store, Map<String, String> options) {
        String username = required(options, "doctor");
        Doctor doctor = store.findDoctor(username).orElseThrow(() ->
                new CareCallException(ErrorCode.BAD_REQUEST, "There is no doctor named " + username + "."));
        Instant at;
        try {
            at = Instant.parse(required(options, "at"));
        } catch (DateTimeParseException e) {
            throw new CareCallException(ErrorCode.BAD_REQUEST,
                    "--at must be a UTC time like 2026-05-04T09:30:00Z.");
        }
        boolean paid = options.containsKey("paid");
        long id = store.createAppointment(doctor.id(), store.createPatient(required(options, "patient"),
                clock.instant()), at, paid);
        JoinLinks links = new JoinLinks(new Tokens(settings.tokens().secret(), clock), settings.tokens().patientLinkValidity(),
                clock);
        URI base = settings.server().publicUrl() != null ? settings.server().publicUrl()
                : URI.create("https://YOUR-SERVER:" + settings.server().port());
        return "Added appointment " + id + (paid ? " (paid)" : " (not paid)") + ". Patient's join link:\n"
                + links.url(base, id, 1, at);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new CareCallException(ErrorCode.BAD_REQUEST, "unexpected argument " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        return options;
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "--" + name + "=... is required.");
        }
        return value.strip();
    }
}
