/**
 * Signaling load: appointments × 2 sockets against the real backend or a Socket.IO relay, set up the way each
 * one's clients do it, then signals of about 1 KB at a fixed rate per socket (or as fast as each room's window
 * allows), one-way latency measured from a send time carried inside each signal.
 */
package dev.carecall.bench.signaling;
