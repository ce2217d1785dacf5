/**
 * Where the server is: sign-in screen, command line, environment, per-user settings file, machine-wide file that
 * clinic IT pushes, in that order.
 */
package dev.carecall.console.config;
