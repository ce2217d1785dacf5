package dev.carecall.console.call;

/**
 * A message for the doctor, already in plain language ("No camera was found. The patient will hear you but not
 * see you."). Technical detail goes to the log, not here.
 *
 * @param severity how prominent to show it
 * @param text     what to show
 */
public record UserNotice(Severity severity, String text) {
    /** How prominent a notice is. */
    public enum Severity { INFO, WARNING, ERROR }
}
