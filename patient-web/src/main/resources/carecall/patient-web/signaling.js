// The room socket: one WebSocket to /ws/appointments/{id} that registers with the link's token, hands each server
// message to the page, and comes back by itself every 3 seconds while the network is gone: often enough that a
// patient back on the network is in the call again within moments, seldom enough not to flood a server that is down.

import { encodeClientMessage, parseServerMessage, ping, register, ProtocolError } from './protocol.js';

/** How long to wait before reconnecting a dropped socket. */
export const RETRY_MS = 3000;

/**
 * How often a registered socket sends `ping`, and how many may go without any frame from the server before the
 * socket counts as dead. A line that died without a close (Wi-Fi gone, a NAT that forgot the connection) is noticed
 * within about 10 seconds; the browser's TCP would take minutes.
 */
export const HEARTBEAT_MS = 2500;
export const MISSED_HEARTBEATS = 3;

/**
 * Error codes after which reconnecting cannot help: the link is bad, or this tab was replaced by another one.
 * The server closes the socket after them; the page shows what to do instead.
 */
export const FATAL_CODES = Object.freeze(new Set([
  'INVALID_TOKEN', 'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'LINK_REPLACED', 'WRONG_APPOINTMENT', 'FORBIDDEN',
  'APPOINTMENT_NOT_FOUND', 'APPOINTMENT_CANCELLED', 'REPLACED_BY_NEW_CONNECTION', 'UNSUPPORTED_VERSION',
]));

/**
 * @typedef {'connecting'|'registered'|'reconnecting'|'stopped'} ChannelState
 * @typedef {object} ChannelOptions
 * @property {string} url               ws(s)://host/ws/appointments/{id}
 * @property {string} token             the join link's token
 * @property {(msg: import('./protocol.js').ServerMessage) => void} onMessage  every valid server message
 * @property {(state: ChannelState) => void} [onState]
 * @property {(error: ProtocolError) => void} [onProtocolError]  a frame the page could not read
 * @property {typeof WebSocket} [WebSocketImpl]  the browser's WebSocket unless given
 * @property {number} [retryMs]
 */

/** A room socket that keeps itself registered. */
export class SignalingChannel {
  /** @param {ChannelOptions} options */
  constructor(options) {
    this.options = options;
    this.WebSocketImpl = options.WebSocketImpl ?? globalThis.WebSocket;
    this.retryMs = options.retryMs ?? RETRY_MS;
    /** @type {WebSocket | null} */
    this.socket = null;
    /** @type {ChannelState} */
    this.state = 'connecting';
    this.stopped = false;
    this.retryTimer = null;
    this.heartbeatTimer = null;
    /** Heartbeats sent since the server was last heard. */
    this.missed = 0;
    this.registered = false;
  }

  /** Opens the socket (again). */
  connect() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.registered = false;
    const socket = new this.WebSocketImpl(this.options.url);
    this.socket = socket;
    socket.onopen = () => socket.send(encodeClientMessage(register(this.options.token)));
    socket.onmessage = (event) => this.receive(socket, event.data);
    // Both a failed connect and a drop end in close; error carries no detail worth showing.
    socket.onerror = () => {};
    socket.onclose = () => this.dropped(socket);
  }

  /**
   * Sends a client message built by protocol.js. Returns false when the socket is not registered: the caller
   * decides whether that matters (state is sent again after the next `registered`).
   * @param {{type: string} & Record<string, unknown>} message
   */
  send(message) {
    const text = encodeClientMessage(message);
    if (!this.registered || this.socket?.readyState !== 1) return false;
    this.socket.send(text);
    return true;
  }

  /** Closes the socket for good (the page is leaving or the link is unusable). */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.heartbeatTimer);
    this.setState('stopped');
    this.socket?.close(1000);
  }

  /** Drops the socket as a network failure would; tests use it to prove the reconnect. */
  simulateDrop() {
    this.socket?.close(4000, 'simulated drop');
  }

  receive(socket, data) {
    if (socket !== this.socket) return;
    this.missed = 0;
    let message;
    try {
      message = parseServerMessage(data);
    } catch (e) {
      if (e instanceof ProtocolError) {
        this.options.onProtocolError?.(e);
        return;
      }
      throw e;
    }
    if (message.type === 'registered') {
      this.registered = true;
      this.setState('registered');
      this.scheduleHeartbeat(socket);
    } else if (message.type === 'error' && FATAL_CODES.has(message.code)) {
      this.stop();
    }
    this.options.onMessage(message);
  }

  /** Pings the server while registered; a socket the server stopped answering is given up and opened anew. */
  scheduleHeartbeat(socket) {
    clearTimeout(this.heartbeatTimer);
    this.missed = 0;
    this.heartbeatTimer = setTimeout(() => this.heartbeat(socket), HEARTBEAT_MS);
    this.heartbeatTimer?.unref?.(); // Node (the page's unit tests) must not wait for it; browsers have no unref
  }

  heartbeat(socket) {
    if (socket !== this.socket || this.stopped || !this.registered) return;
    if (this.missed >= MISSED_HEARTBEATS) {
      // close() on a dead line waits for a closing handshake that never comes: give the socket up at once.
      socket.onclose = null;
      socket.onmessage = null;
      try {
        socket.close(4000, 'server silent');
      } catch {
        // closing anyway
      }
      this.dropped(socket);
      return;
    }
    this.missed += 1;
    if (socket.readyState === 1) socket.send(encodeClientMessage(ping()));
    this.heartbeatTimer = setTimeout(() => this.heartbeat(socket), HEARTBEAT_MS);
    this.heartbeatTimer?.unref?.();
  }

  dropped(socket) {
    if (socket !== this.socket || this.stopped) return;
    clearTimeout(this.heartbeatTimer);
    this.registered = false;
    this.setState('reconnecting');
    this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.options.onState?.(state);
  }
}

/**
 * The room socket's address: below the WebSocket base that `GET /api/info` announces (`websocketUrl`), never
 * derived from the page's own address, because production serves the WebSocket on its own port and a proxy may
 * serve it elsewhere again.
 * @param {string} websocketUrl e.g. wss://clinic.example.org:8444
 * @param {number|string} appointmentId
 */
export function roomUrl(websocketUrl, appointmentId) {
  return `${websocketUrl.replace(/\/+$/, '')}/ws/appointments/${encodeURIComponent(appointmentId)}`;
}
