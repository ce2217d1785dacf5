/** Device settings: camera, microphone and speaker by name, remembered in the per-user configuration file. */
package dev.carecall.console.settings;
