/**
 * CareCall's benchmarks: {@link dev.carecall.bench.Bench} runs each part and prints every figure with its target.
 * Parts live in packages by what they measure: {@code signaling} (load, Socket.IO comparison), {@code capacity}
 * (idle sockets), {@code timeline} (call setup), {@code console} (render cost, native memory).
 */
package dev.carecall.bench;
