/**
 * The waiting room on the doctor's side: the knock sound, the desktop notification and what the list says about a
 * waiting patient's pre-call check.
 */
package dev.carecall.console.waitingroom;
