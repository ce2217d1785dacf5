/** Helpers for the console's window tests: the shared window setup, waiting on the FX thread, screenshots. */
package dev.carecall.console.testing;
