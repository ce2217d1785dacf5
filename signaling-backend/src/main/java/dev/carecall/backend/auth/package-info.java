/**
 * Sign-in and tokens. Doctors sign in with user name and password (bcrypt) and get a signed, expiring JWT; patients
 * have no account: each appointment's join link carries a JWT valid for that appointment only. Both kinds are
 * checked here and turned into a {@link dev.carecall.backend.auth.Caller}.
 */
package dev.carecall.backend.auth;
