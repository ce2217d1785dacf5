/** The sign-in screen: server address, username, password; checks the server with {@code GET /api/info}. */
package dev.carecall.console.signin;
