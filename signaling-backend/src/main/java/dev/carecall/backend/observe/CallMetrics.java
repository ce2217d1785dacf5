package dev.carecall.backend.observe;

import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Role;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * The backend's own meters on {@code /observe/metrics}: calls, signals, sockets, refused registrations and sign-ins,
 * and how long room tasks wait. The call and socket code reports each event with one call here and knows nothing
 * of meters.
 *
 * <p>Gauges count what is open right now, summed over every running server of this JVM: Helidon keeps one meter
 * registry per process, so a second server (tests start several) adds to the same gauges instead of replacing them.
 * Counters only ever grow, so a scrape before and after shows what happened in between.
 */
public final class CallMetrics implements AutoCloseable {
    private static final Set<CallMetrics> RUNNING = ConcurrentHashMap.newKeySet();
    private static final String LOBBY = "lobby";

    private final MeterRegistry registry;
    /** The appointments whose call waits or runs, by appointment id. */
    private final Map<Long, CallStatus> liveCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openSockets = Map.of(
            tag(Role.DOCTOR), new AtomicInteger(), tag(Role.PATIENT), new AtomicInteger(), LOBBY, new AtomicInteger());
    private final Map<Role, Counter> started;
    private final Map<Role, Counter> joined;
    private final Map<Role, Counter> rejoined;
    private final Counter signals;
    private final Counter rateLimited;
    private final Counter tooSlow;
    private final Counter tasksDropped;
    private final AtomicInteger roomsLoaded = new AtomicInteger();
    private final Timer queueWait;

    private CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = perRole("carecall.calls.started", "Calls started, by who started them");
        this.joined = perRole("carecall.calls.joined", "Waiting calls joined by the other party, by who joined");
        this.rejoined = perRole("carecall.calls.rejoined",
                "Running calls joined again after a reload or a dropped connection, by who came back");
        this.signals = registry.getOrCreate(Counter.builder("carecall.signals.relayed")
                .description("WebRTC signaling messages passed to the other party"));
        this.rateLimited = registry.getOrCreate(Counter.builder("carecall.messages.rate.limited")
                .description("Room socket messages refused with RATE_LIMITED"));
        this.tooSlow = registry.getOrCreate(Counter.builder("carecall.sockets.too.slow")
                .description("Sockets closed (4008) because they did not read what was sent to them"));
        this.tasksDropped = registry.getOrCreate(Counter.builder("carecall.room.tasks.dropped")
                .description("Room tasks dropped because their caller gave up before their turn"));
        this.queueWait = registry.getOrCreate(Timer.builder("carecall.room.queue.wait")
                .description("How long a task waited in its room's queue before it ran")
                // Buckets, which Prometheus adds up across instances; no quantiles computed here, which it cannot.
                .percentiles(new double[0])
                .buckets(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
                        Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10)));
        // Every reason shows from the first scrape, at 0, so a dashboard's rate() sees the first end too.
        for (CallEndReason reason : CallEndReason.values()) {
            callEndedCounter(reason.wireName());
        }
        gauge("carecall.calls.waiting", "Calls started and waiting for the other party", List.of(),
                m -> m.liveCount(CallStatus.WAITING));
        gauge("carecall.calls.active", "Calls with both parties joined", List.of(),
                m -> m.liveCount(CallStatus.ACTIVE));
        gauge("carecall.rooms.loaded", "Appointment rooms held in memory", List.of(), m -> m.roomsLoaded.get());
        for (String role : openSockets.keySet()) {
            gauge("carecall.sockets.open", "Registered WebSockets: room sockets by role, and doctors' lobby sockets",
                    List.of(Tag.create("role", role)), m -> m.openSockets.get(role).get());
        }
    }

    /** Registers the meters (once per registry) and counts this server in the gauges until {@link #close()}. */
    public static CallMetrics register(MeterRegistry registry) {
        CallMetrics metrics = new CallMetrics(registry);
        RUNNING.add(metrics);
        return metrics;
    }

    /** The appointment's call has this status now (after any change, or when first read from the database). */
    public void callStatus(long appointmentId, CallStatus status) {
        if (status.isLive()) {
            liveCalls.put(appointmentId, status);
        } else {
            liveCalls.remove(appointmentId);
        }
    }

    public void callStarted(Role by) {
        started.get(by).increment();
    }

    public void callJoined(Role by) {
        joined.get(by).increment();
    }

    public void callRejoined(Role by) {
        rejoined.get(by).increment();
    }

    /** A call ended, for the reason {@code callEnded} carries on the wire. */
    public void callEnded(CallEndReason reason) {
        callEndedCounter(reason.wireName()).increment();
    }

    public void signalRelayed() {
        signals.increment();
    }

    /** A room socket's message was refused by its rate limit. */
    public void rateLimited() {
        rateLimited.increment();
    }

    /** A socket was given up: its send queue overflowed or a write to it hung. */
    public void socketTooSlow() {
        tooSlow.increment();
    }

    /** A room task was dropped unrun: its caller timed out or its socket closed before its turn. */
    public void roomTaskDropped() {
        tasksDropped.increment();
    }

    /** A room was loaded into memory. */
    public void roomLoaded() {
        roomsLoaded.incrementAndGet();
    }

    /** An idle room left memory. */
    public void roomUnloaded() {
        roomsLoaded.decrementAndGet();
    }

    public void roomSocketOpened(Role role) {
        openSockets.get(tag(role)).incrementAndGet();
    }

    public void roomSocketClosed(Role role) {
        openSockets.get(tag(role)).decrementAndGet();
    }

    public void lobbySocketOpened() {
        openSockets.get(LOBBY).incrementAndGet();
    }

    public void lobbySocketClosed() {
        openSockets.get(LOBBY).decrementAndGet();
    }

    /** A socket was refused before or at {@code register} (bad token, wrong appointment, timeout ...). */
    public void registerFailed(ErrorCode code) {
        registry.getOrCreate(Counter.builder("carecall.register.failures")
                .description("Sockets refused at registration, by error code")
                .tags(List.of(Tag.create("code", code.name())))).increment();
    }

    /** A sign-in was refused: wrong password or user name, too many attempts, or an incomplete request. */
    public void signInFailed(ErrorCode code) {
        registry.getOrCreate(Counter.builder("carecall.signin.failures")
                .description("Refused sign-ins, by error code")
                .tags(List.of(Tag.create("code", code.name())))).increment();
    }

    /** The task, measuring on its start how long it waited since this call (the room queue's latency). */
    public Runnable timedInQueue(Runnable task) {
        long queuedAt = System.nanoTime();
        return () -> {
            queueWait.record(System.nanoTime() - queuedAt, TimeUnit.NANOSECONDS);
            task.run();
        };
    }

    /** This server stops: its open calls and sockets leave the gauges. */
    @Override
    public void close() {
        RUNNING.remove(this);
    }

    private int liveCount(CallStatus status) {
        return (int) liveCalls.values().stream().filter(s -> s == status).count();
    }

    private Counter callEndedCounter(String reason) {
        return registry.getOrCreate(Counter.builder("carecall.calls.ended")
                .description("Calls ended, by reason")
                .tags(List.of(Tag.create("reason", reason))));
    }

    private Map<Role, Counter> perRole(String name, String description) {
        return Map.of(Role.DOCTOR, roleCounter(name, description, Role.DOCTOR),
                Role.PATIENT, roleCounter(name, description, Role.PATIENT));
    }

    private Counter roleCounter(String name, String description, Role role) {
        return registry.getOrCreate(Counter.builder(name).description(description)
                .tags(List.of(Tag.create("role", tag(role)))));
    }

    /** A gauge over every running server; registered once, so its function must not hold on to this instance. */
    private void gauge(String name, String description, List<Tag> tags, ToIntFunction<CallMetrics> value) {
        registry.getOrCreate(Gauge.builder(name, () -> RUNNING.stream().mapToInt(value).sum())
                .description(description)
                .tags(tags));
    }

    private static String tag(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
