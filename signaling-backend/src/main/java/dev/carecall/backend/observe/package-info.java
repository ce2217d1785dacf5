/**
 * What a clinic's IT sees of a running backend: the meters of {@code /observe/metrics}
 * ({@link dev.carecall.backend.observe.CallMetrics} for calls and sockets,
 * {@link dev.carecall.backend.observe.HttpRequests} for HTTP), the access log
 * ({@link dev.carecall.backend.observe.AccessLog}) and {@code key=value} log lines
 * ({@link dev.carecall.backend.observe.KeyValueFormatter}) that carry the request id and the appointment id of the
 * request or socket message they were written for ({@link dev.carecall.backend.observe.LogContext}), never a name, a
 * token, a password or a join link.
 */
package dev.carecall.backend.observe;
