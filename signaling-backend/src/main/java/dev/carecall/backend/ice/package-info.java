/**
 * The STUN and TURN servers handed to each party in {@code registered}: the configured ones, and TURN credentials
 * minted per person with coturn's shared secret (time-limited, so a leaked credential stops working by itself).
 */
package dev.carecall.backend.ice;
