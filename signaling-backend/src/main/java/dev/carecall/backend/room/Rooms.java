package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.SessionLogWriter;
import dev.carecall.protocol.ErrorCode;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The rooms in memory: each loaded from the database the first time it is needed, run on its own queue, and taken
 * out of memory again once nobody has used it for {@link RelaySettings#roomIdle()}. The database holds a room's
 * state and log, so the next request simply loads it again.
 */
final class Rooms {
    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
    private final CareCallStore store;
    private final Lobby lobby;
    private final Clock clock;
    private final Executor executor;
    private final CallMetrics metrics;
    private final RelaySettings relay;
    private final SessionLogWriter logWriter;
    /** The other instances, handed to every room. */
    private final RoomBus bus;

    Rooms(CareCallStore store, Lobby lobby, Clock clock, Executor executor, CallMetrics metrics, RelaySettings relay,
          SessionLogWriter logWriter, RoomBus bus) {
        this.store = store;
        this.lobby = lobby;
        this.clock = clock;
        this.executor = executor;
        this.metrics = metrics;
        this.relay = relay;
        this.logWriter = logWriter;
        this.bus = bus;
    }

    /** A room task whose room may be taken out of memory before its turn. */
    interface RoomTask<T> {
        T run(Room room) throws Exception;
    }

    /**
     * Runs the task on the appointment's room. If the room was evicted while the task waited (it was idle a moment
     * ago), the task runs on the room loaded afresh; a fresh room is not idle, so a second try suffices.
     */
    <T> T inRoom(Appointment appointment, BooleanSupplier stillWanted, RoomTask<T> task) {
        for (int attempt = 0; ; attempt++) {
            Room room = room(appointment);
            Callable<Object> inTurn = () -> room.evicted() ? Evicted.INSTANCE : task.run(room);
            Object result = room.queue.call(inTurn, stillWanted);
            if (result != Evicted.INSTANCE) {
                @SuppressWarnings("unchecked")
                T value = (T) result;
                return value;
            }
            if (attempt == 2) {
                throw new CareCallException(ErrorCode.INTERNAL_ERROR, "The room could not be loaded. Try again.");
            }
        }
    }

    private enum Evicted { INSTANCE }

    /**
     * The appointment's room, made from the database the first time it is needed. The latest session is read
     * before the room is put in the map, so no JDBC runs under the map's lock; if two threads race, one room wins
     * and the other's reading is dropped unused (nothing was written in between: only a room writes its call).
     */
    Room room(Appointment appointment) {
        Room room = rooms.get(appointment.id());
        if (room != null) {
            room.touch();
            return room;
        }
        Room loaded = new Room(appointment, store.latestSession(appointment.id()),
                new RoomQueue(executor, metrics, relay.taskTimeout()), store, lobby, clock, metrics, logWriter,
                bus);
        Room raced = rooms.putIfAbsent(appointment.id(), loaded);
        if (raced != null) {
            raced.touch();
            return raced;
        }
        metrics.roomLoaded();
        return loaded;
    }

    /** The appointment's room if it is in memory, else null. */
    Room inMemory(long appointmentId) {
        return rooms.get(appointmentId);
    }

    /** The room of a registered socket; the socket layer registers before it calls anything else. */
    Room seated(Participant participant, long appointmentId) {
        Room room = rooms.get(appointmentId);
        if (room == null || participant.caller() == null) {
            throw new CareCallException(ErrorCode.NOT_REGISTERED, "Register first.");
        }
        room.touch();
        return room;
    }

    /**
     * Takes rooms out of memory that nobody has used for {@link RelaySettings#roomIdle()}: nobody connected, no call
     * waiting or running. Each is removed by a task on its own queue, so nothing runs in it meanwhile; a request that
     * still reached it runs again on a fresh room ({@link #inRoom}).
     */
    void evictIdle() {
        long idle = relay.roomIdle().toNanos();
        for (Room room : rooms.values()) {
            if (room.idleFor(idle)) {
                room.queue.submit(() -> {
                    if (room.idleFor(idle) && !room.evicted()) {
                        room.evict();
                        rooms.remove(room.appointmentId, room);
                        metrics.roomUnloaded();
                    }
                });
            }
        }
    }

    /** Rooms in memory now. */
    int count() {
        return rooms.size();
    }
}
