/**
 * The doctor's desktop console: {@link dev.carecall.console.Main} starts it, {@link dev.carecall.console.CareCallApp}
 * is the JavaFX application, {@link dev.carecall.console.ConsoleShell} moves between the screens. Each screen is a
 * feature package with its view, view-model and CSS: {@code signin}, {@code appointments}, {@code call},
 * {@code settings}; {@code fx} holds the shared helpers (threads, plain-language errors, video on screen).
 */
package dev.carecall.console;
