package dev.carecall.backend;

import dev.carecall.backend.appointments.JoinLinks;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.LoginThrottle;
import dev.carecall.backend.auth.RevokedTokens;
import dev.carecall.backend.auth.SignIn;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.cluster.RedisRoomBus;
import dev.carecall.backend.demo.DemoSeeder;
import dev.carecall.backend.integration.AppointmentChanges;
import dev.carecall.backend.integration.ExternalAppointment;
import dev.carecall.backend.integration.Integration;
import dev.carecall.backend.invitations.InvitationDeliveries;
import dev.carecall.backend.invitations.Invitations;
import dev.carecall.backend.outbox.Outbox;
import dev.carecall.backend.outbox.OutboxKind;
import dev.carecall.backend.quality.CallQualities;
import dev.carecall.backend.quality.QualityStore;
import dev.carecall.backend.outbox.OutboxWorker;
import dev.carecall.backend.webhooks.WebhookDelivery;
import dev.carecall.backend.webhooks.WebhookEvents;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.observe.Meters;
import dev.carecall.backend.ice.IceServers;
import dev.carecall.backend.room.Calls;
import dev.carecall.backend.room.Lobby;
import dev.carecall.backend.room.RoomBus;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.Database;
import dev.carecall.backend.storage.SessionLogWriter;
import dev.carecall.protocol.ProtocolCodec;
import io.helidon.metrics.api.MeterRegistry;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything behind the web server, opened from the settings: the migrated database, sign-in, join links, the call
 * rooms with their executors, and the meters. {@link Main#setup} puts a web server in front of it; closing it
 * lets running room tasks finish, then closes the database.
 */
public final class Backend implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Backend.class.getName());
    final BackendSettings settings;
    /** Milliseconds: what every database keeps exactly, so a time sent on the wire equals the stored one. */
    final Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    final ProtocolCodec codec = new ProtocolCodec();
    final Database database;
    final CareCallStore store;
    /** The demo appointments, or null without demo data. */
    final DemoData demo;
    final RevokedTokens revokedTokens;
    final Tokens tokens;
    final SignIn signIn;
    final JoinLinks joinLinks;
    final AppointmentAccess access;
    final MeterRegistry meterRegistry;
    final CallMetrics metrics;
    final ExecutorService roomExecutor;
    final ScheduledExecutorService timer;
    final SessionLogWriter logWriter;
    final Calls calls;
    /** The other instances, through Redis; null when this one runs alone (no {@code carecall.redis.url}). */
    final RedisRoomBus redis;
    /** The clinic systems' API: service keys, doctors and appointments by their ids. */
    final Integration integration;
    /** Deliveries to other systems (webhooks), stored before they are sent. */
    final Outbox outbox;
    final OutboxWorker outboxWorker;
    /** Invitations by mail and SMS. */
    final Invitations invitations;
    /**
     * The address the server listens on, for links in mails when {@code carecall.url} is not set (then a mail's
     * link names this machine as the server sees itself: set carecall.url in production).
     */
    volatile URI boundAddress = URI.create("http://127.0.0.1");
    private final AtomicBoolean closed = new AtomicBoolean();

    private Backend(BackendSettings settings, Database database) {
        this.settings = settings;
        this.database = database;
        this.store = new CareCallStore(database.client(), codec);
        this.demo = settings.demoData() ? DemoSeeder.seed(store, clock.instant()) : null;
        this.revokedTokens = new RevokedTokens(store, clock);
        this.tokens = new Tokens(settings.tokens().secret(), clock, revokedTokens);
        this.meterRegistry = Meters.registry();
        this.metrics = CallMetrics.register(meterRegistry);
        this.redis = settings.redis() == null ? null : RedisRoomBus.open(settings.redis(), codec);
        LoginThrottle.Counts throttleCounts = LoginThrottle.inMemory(clock);
        this.signIn = new SignIn(store, tokens, settings.tokens().doctorValidity(), clock, metrics,
                redis == null ? throttleCounts : redis.throttleCounts(throttleCounts));
        this.joinLinks = new JoinLinks(tokens, settings.tokens().patientLinkValidity(), clock);
        this.access = new AppointmentAccess(store);
        this.roomExecutor = Executors.newVirtualThreadPerTaskExecutor();
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("register-timeout")
                .factory());
        long refresh = settings.tokens().revocationRefresh().toMillis();
        timer.scheduleWithFixedDelay(() -> roomExecutor.execute(this::refreshRevocations), refresh, refresh,
                TimeUnit.MILLISECONDS);
        this.outbox = new Outbox(database.client(), clock);
        this.integration = Integration.create(database.client(), store, clock, new AppointmentChanges() {
            @Override
            public void changed(long appointmentId, long doctorId) {
                calls.appointmentChanged(appointmentId, doctorId);
            }

            @Override
            public void booked(ExternalAppointment appointment, String auditActor) {
                invitations.booked(appointment, auditActor);
            }

            @Override
            public void moved(ExternalAppointment appointment, String auditActor) {
                invitations.moved(appointment, auditActor);
            }

            @Override
            public void cancelled(long appointmentId, long doctorId, String auditActor) {
                calls.cancelled(appointmentId, auditActor);
                calls.appointmentChanged(appointmentId, doctorId);
            }
        });
        this.logWriter = new SessionLogWriter(store);
        RoomBus bus = redis == null ? RoomBus.NONE : redis;
        this.calls = new Calls(store, access, new Lobby(new WebhookEvents(integration.store(), outbox, codec)), clock,
                new IceServers(settings.ice().servers(), settings.ice().turn(), clock), roomExecutor, metrics, settings.relay(),
                timer, settings.calls(), logWriter, settings.transcripts(),
                new CallQualities(new QualityStore(database.client())), bus);
        bus.listen(calls.fromOtherInstances(s -> revokedTokens.deny(s.tokenId(), s.expiresAt())));
        if (settings.transcripts().retention() != null) {
            long every = settings.transcripts().sweepEvery().toMillis();
            timer.scheduleWithFixedDelay(() -> roomExecutor.execute(this::deleteExpiredTranscripts), every, every,
                    TimeUnit.MILLISECONDS);
        }
        // The timer only looks; each room's eviction runs as a task on its own queue.
        long sweep = Math.clamp(settings.relay().roomIdle().toMillis() / 2, 50, 30_000);
        timer.scheduleWithFixedDelay(calls::evictIdleRooms, sweep, sweep, TimeUnit.MILLISECONDS);
        this.invitations = new Invitations(outbox, integration.store(), store, settings.invitations(), clock);
        this.outboxWorker = new OutboxWorker(outbox, settings.outbox(), clock)
                .deliver(OutboxKind.WEBHOOK, new WebhookDelivery(integration.store(), clock));
        InvitationDeliveries.register(outboxWorker, integration.store(), joinLinks,
                () -> settings.server().publicUrl() != null ? settings.server().publicUrl() : boundAddress, settings.invitations(),
                clock);
        outboxWorker.onFinished(entry -> {
            if (entry.kind() != OutboxKind.WEBHOOK && entry.appointmentId() != null) {
                store.findAppointment(entry.appointmentId())
                        .ifPresent(a -> calls.appointmentChanged(a.id(), a.doctorId()));
            }
        });
        outboxWorker.start();
    }

    /** Runs off the timer's thread: a slow database must not hold up the register timeouts it also runs. */
    private void refreshRevocations() {
        try {
            revokedTokens.refresh();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading revoked tokens failed; trying again later: " + e);
        }
    }

    /** The chat retention: transcripts of calls that ended longer ago than it are deleted (off the timer's thread). */
    private void deleteExpiredTranscripts() {
        try {
            long deleted = store.deleteChatLinesEndedBefore(clock.instant().minus(settings.transcripts().retention()));
            if (deleted > 0) {
                LOG.log(System.Logger.Level.INFO, "deleted " + deleted + " chat line(s) past carecall.chat.retention");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "deleting expired chat transcripts failed; trying again later: " + e);
        }
    }

    /** Opens (and migrates) the database and creates the demo data if the settings ask for it. */
    public static Backend open(BackendSettings settings) {
        Database database = Database.open(settings.database());
        try {
            return new Backend(settings, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Lets running room tasks finish, then closes the database. Later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        roomExecutor.shutdown();
        // A room task still writing (a call ending as its sockets close) must finish before the pool goes.
        try {
            roomExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outboxWorker.close();
        if (redis != null) {
            redis.close();
        }
        logWriter.close();
        metrics.close();
        database.close();
    }
}
