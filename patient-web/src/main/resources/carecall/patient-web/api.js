// The REST calls the page makes, with the join link's token as Bearer. Every failure becomes an ErrorCode name (or
// 'NETWORK') so wording.js can say what to do.

/**
 * @typedef {{id: number, doctorName: string, patientName: string, scheduledAt: string, paid: boolean,
 *   callStatus: string, callStartedBy?: string, callStartedAt?: string, callEndedAt?: string}} Appointment
 * @typedef {{ok: true, body: any} | {ok: false, code: string}} ApiResult
 */

/**
 * @param {string} path
 * @param {string | null} token  the join link's token, or null for a request anyone may make
 * @param {typeof fetch} [fetchImpl]
 * @returns {Promise<ApiResult>}
 */
export async function getJson(path, token, fetchImpl = globalThis.fetch) {
  let response;
  const headers = token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' };
  try {
    response = await fetchImpl(path, { headers });
  } catch (e) {
    console.warn('CareCall: request failed', path, e);
    return { ok: false, code: 'NETWORK' };
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page, or an empty body: the status code still says enough.
  }
  if (response.ok && body) return { ok: true, body };
  return { ok: false, code: body?.error?.code ?? codeForStatus(response.status) };
}

/** @param {number} status */
export function codeForStatus(status) {
  switch (status) {
    case 401: return 'INVALID_TOKEN';
    case 402: return 'PAYMENT_REQUIRED';
    case 403: return 'FORBIDDEN';
    case 404: return 'APPOINTMENT_NOT_FOUND';
    case 410: return 'APPOINTMENT_CANCELLED';
    case 429: return 'RATE_LIMITED';
    default: return 'INTERNAL_ERROR';
  }
}

/**
 * The appointment of the join link.
 * @param {string} id
 * @param {string} token
 * @param {typeof fetch} [fetchImpl]
 */
export const fetchAppointment = (id, token, fetchImpl) =>
  getJson(`/api/appointments/${encodeURIComponent(id)}`, token, fetchImpl);

/**
 * The server's self-description; its `websocketUrl` is where the room socket is (PROTOCOL.md).
 * @param {typeof fetch} [fetchImpl]
 * @returns {Promise<ApiResult>}
 */
export async function fetchInfo(fetchImpl) {
  const result = await getJson('/api/info', null, fetchImpl);
  if (result.ok && typeof result.body.websocketUrl !== 'string') return { ok: false, code: 'INTERNAL_ERROR' };
  return result;
}

/**
 * Reads the appointment id and token from a join link: /join/{id}?token=...
 * @param {{pathname: string, search: string}} location
 * @returns {{id: string, token: string} | null}
 */
export function parseJoinLink(location) {
  const match = /^\/join\/(\d{1,18})\/?$/.exec(location.pathname);
  const token = new URLSearchParams(location.search).get('token');
  return match && token ? { id: match[1], token } : null;
}
