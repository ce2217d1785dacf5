/**
 * A call's history as the doctor reads it ({@code GET /api/appointments/{id}/call-history}): each session with its
 * timeline, its chat transcript and its quality (the log's reconnects and interruptions, each side's summed-up reports).
 */
package dev.carecall.backend.history;
