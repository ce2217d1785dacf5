/**
 * Checks of the console's Linux package as clinic IT and clinicians meet it: install it with dpkg, configure it
 * machine-wide in /etc/carecall, start it from its menu entry, upgrade it, remove it.
 */
package dev.carecall.installer;
