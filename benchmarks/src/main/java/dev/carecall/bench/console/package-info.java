/**
 * The doctor's console measured as its own process: the CPU it spends showing a 1280×720 30 fps call in the real
 * JavaFX call view under Xvfb, and its native memory over 100 calls. Each main class here runs as a child process
 * started by the benchmark, which reads its figures from {@code /proc} and from lines the child prints.
 */
package dev.carecall.bench.console;
