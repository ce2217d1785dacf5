/**
 * Call rooms: one per appointment, reached over {@code /ws/appointments/{id}}, plus the doctors' lobby sockets
 * ({@code /ws/lobby}). A {@link dev.carecall.backend.room.Room} owns its call's state and transitions (start, join,
 * end); {@link dev.carecall.backend.room.Calls} finds or loads the room and is the one entry point per action that
 * the WebSocket messages and the REST endpoints both call, so both change the same state and notify the same room.
 *
 * <p>Threading: every state change of a room runs on that room's {@link dev.carecall.backend.room.RoomQueue}, one
 * task at a time in arrival order, so notifications leave in the order the state changed. No monitor is held while
 * JDBC runs. Nothing waits for a socket: a {@link dev.carecall.backend.room.Participant} queues what it is sent and
 * writes it on a virtual thread of its own, and gives up a socket that does not read (close 4008). Signals are
 * relayed from the sender's thread without a room task; {@link dev.carecall.backend.room.RelaySettings} bounds
 * queues, rates, waits and how long an idle room stays in memory.
 */
package dev.carecall.backend.room;
