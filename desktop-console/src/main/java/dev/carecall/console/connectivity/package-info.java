/**
 * IT's connectivity check as the console shows it: the plain-language lines ({@link
 * dev.carecall.console.connectivity.CheckWords}, the only place with the check's words) and the command line
 * {@code CareCall --check}. The check itself is console-core's {@code ConnectivityCheck}.
 */
package dev.carecall.console.connectivity;
