/**
 * The console's languages: {@link dev.carecall.console.i18n.Language} (chosen in the settings, else the system's,
 * else English) and {@link dev.carecall.console.i18n.Texts}, the words and date formats of one language from the
 * {@code messages*.properties} bundles beside it.
 */
package dev.carecall.console.i18n;
