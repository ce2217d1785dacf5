/**
 * Helpers every screen shares: the two thread hops ({@link dev.carecall.console.fx.Fx}), the translation of failures
 * into plain language ({@link dev.carecall.console.fx.PlainLanguage}), video on screen and the shared theme.
 */
package dev.carecall.console.fx;
