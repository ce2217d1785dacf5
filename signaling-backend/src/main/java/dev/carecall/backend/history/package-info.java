/**
 * A call's history as the doctor reads it ({@code GET /api/appointments/{id}/call-history}): each session with its
 * timeline, its chat transcript and a quality summary made from its log.
 */
package dev.carecall.backend.history;
