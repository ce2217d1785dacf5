/** Helpers for the console's window tests: waiting on the FX thread and screenshots. */
package dev.carecall.console.testing;
