/**
 * An appointment's call history, opened from its card: each past call with its timeline, its quality summary and
 * its chat transcript, as the backend's {@code call-history} tells them.
 */
package dev.carecall.console.history;
