/**
 * Call rooms: one per appointment, reached over {@code /ws/appointments/{id}}, plus the doctors' lobby sockets
 * ({@code /ws/lobby}). A {@link dev.carecall.backend.room.Room} owns its call's state and transitions (start, join,
 * end); {@link dev.carecall.backend.room.Calls} finds or loads the room and is the one entry point per action that
 * the WebSocket messages and the REST endpoints both call, so both change the same state and notify the same room.
 *
 * <p>Threading: every state change of a room runs on that room's {@link dev.carecall.backend.room.RoomQueue}, one
 * task at a time in arrival order, so notifications leave in the order the state changed. No monitor is held while
 * JDBC runs; sends to one socket are serialised by its {@link dev.carecall.backend.room.Participant}.
 */
package dev.carecall.backend.room;
