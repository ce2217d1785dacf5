/**
 * The call screen (desktop-console side of this package): {@link dev.carecall.console.call.CallView} and
 * {@link dev.carecall.console.call.CallViewModel} drive the console-core {@link dev.carecall.console.call.CallEngine}
 * of the same package and show its state: videos, controls, timer, chat, reconnecting.
 */
package dev.carecall.console.call;
