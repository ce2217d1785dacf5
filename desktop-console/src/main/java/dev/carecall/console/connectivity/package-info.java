/**
 * IT's connectivity check as the console shows it: {@link dev.carecall.console.connectivity.CheckWords} turns each
 * step into a plain-language line from the console's message bundles ({@code check.*}), shown on the settings
 * screen's card and by the command line {@code CareCall --check}. The check itself is console-core's
 * {@code ConnectivityCheck}.
 */
package dev.carecall.console.connectivity;
