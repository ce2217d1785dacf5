/**
 * The processes a benchmark runs and measures from outside: the production backend on PostgreSQL, the Socket.IO
 * relay, console processes; their resident memory and CPU from {@code /proc}, the JVM's heap after a GC from jcmd.
 */
package dev.carecall.bench.process;
