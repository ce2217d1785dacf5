/**
 * A small non-blocking WebSocket client for the load generator: one selector thread drives thousands of sockets,
 * frames are built once and sent as they are, and nothing is allocated per received message. Its own CPU time is
 * measured so that a report can show the generator was not the bottleneck.
 */
package dev.carecall.bench.ws;
