// The patient's RTCPeerConnection: one audio and one video transceiver, the party that started the call offers
// first, every later negotiation is "perfect negotiation" with the patient polite (the doctor's console is the
// impolite side), and ICE is restarted when the connection fails.

import { candidateSignal, descriptionSignal, signalKind } from './protocol.js';
import { FirstPicture } from './first-picture.js';

/**
 * A disconnected connection counts as lost after this long: long enough for a brief network hiccup to heal by
 * itself, short enough that a patient is not left looking at a frozen picture.
 */
export const DISCONNECTED_GRACE_MS = 5000;

/**
 * A negotiated connection whose ICE has not even started after this long gets an ICE restart (at most
 * {@link STUCK_RESTARTS} times): seen in Chromium after glare, and when the machine's network changed while
 * candidates were gathered. Without it neither side ever leaves "new", and nothing else notices.
 */
export const STUCK_NEW_MS = 5000;
export const STUCK_RESTARTS = 3;

/**
 * @typedef {object} PeerOptions
 * @property {RTCIceServer[]} iceServers       from `registered`
 * @property {MediaStream | null} localStream  camera and microphone; null when the patient has none
 * @property {boolean} offerFirst              true when this side started the call
 * @property {boolean} [polite]                true for the patient, the default (the doctor is impolite)
 * @property {(signal: import('./protocol.js').SignalPayload) => void} sendSignal
 * @property {(stream: MediaStream) => void} onRemoteStream
 * @property {(state: RTCPeerConnectionState) => void} onConnectionState
 * @property {() => boolean} doctorPresent     whether the doctor's socket is in the room (who restarts ICE)
 * @property {'all'|'relay'} [iceTransportPolicy] 'relay' uses TURN relays only (IT's diagnosis and the tests)
 * @property {() => void} [onUnreachable]      candidate gathering ended without a single candidate: no path can
 *                                             ever connect (e.g. TURN refused the credential, or is blocked)
 * @property {typeof RTCPeerConnection} [RTCPeerConnectionImpl]
 */

/** One call's peer connection. */
export class CallPeer {
  /** @param {PeerOptions} options */
  constructor(options) {
    this.options = options;
    const Impl = options.RTCPeerConnectionImpl ?? globalThis.RTCPeerConnection;
    this.pc = new Impl({ iceServers: options.iceServers, iceTransportPolicy: options.iceTransportPolicy ?? 'all' });
    /** Local candidates gathered over the connection's life (every ICE generation). */
    this.localCandidates = 0;
    this.polite = options.polite ?? true;
    /** Perfect negotiation's state: our offer is being made; an offer that collided was ignored (impolite side);
     * an answer is being set (an offer arriving then is no collision). */
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.isSettingRemoteAnswerPending = false;
    // The joiner never offers before it has applied the starter's offer, so the two first offers cannot cross.
    this.mayOffer = options.offerFirst;
    /** @type {RTCIceCandidateInit[]} */
    this.pendingCandidates = [];
    /** @type {Promise<void>} the signals applied so far, in order */
    this.signals = Promise.resolve();
    this.remoteStream = new MediaStream();
    this.lostTimer = null;
    this.stuckTimer = null;
    this.stuckRestarts = 0;
    this.closed = false;
    /** Offers that crossed one of ours (glare), for the tests' figures. */
    this.collisions = 0;
    /** What the negotiation went through, newest last and bounded: the tests' failure reports read it. */
    this.trail = [];
    this.born = Date.now();

    /** @type {FirstPicture | null} the camera's first frames go out small (see first-picture.js) */
    this.firstPicture = null;
    const stream = options.localStream;
    for (const kind of ['audio', 'video']) {
      const track = stream?.getTracks().find((t) => t.kind === kind);
      if (track) {
        const sender = this.pc.addTrack(track, stream);
        if (kind === 'video') {
          this.firstPicture = new FirstPicture(sender, track);
          this.firstPicture.shrink();
        }
      } else if (options.offerFirst) {
        // Without a device the starter still offers to receive; a joiner's receivers come from the doctor's offer.
        this.pc.addTransceiver(kind, { direction: 'recvonly' });
      }
    }

    this.pc.onnegotiationneeded = () => this.negotiate();
    this.pc.onsignalingstatechange = () => this.note(`signaling ${this.pc.signalingState}`);
    this.pc.oniceconnectionstatechange = () => this.note(`ice ${this.pc.iceConnectionState}`);
    this.pc.onicecandidate = ({ candidate }) => {
      // A candidate, or a section's end of candidates (an empty one), goes out as the browser wrote it; the null
      // event that says gathering finished has no payload and nothing to send.
      this.note(`local candidate ${describeCandidate(candidate)}`);
      if (candidate) {
        if (candidate.candidate) this.localCandidates += 1;
        options.sendSignal(candidateSignal(candidate.toJSON()));
      }
    };
    this.pc.onicecandidateerror = (e) => {
      // E.g. 401 from a TURN server that refused the credential: the detail IT needs, in the console.
      console.warn('CareCall: ICE server error', e.url, e.errorCode, e.errorText);
    };
    this.pc.onicegatheringstatechange = () => this.gatheringChanged();
    this.pc.ontrack = ({ track }) => {
      this.remoteStream.addTrack(track);
      options.onRemoteStream(this.remoteStream);
    };
    this.pc.onconnectionstatechange = () => this.connectionChanged();
  }

  /**
   * The browser asks for a negotiation (tracks added, an ICE restart): an offer, made in turn with the signals being
   * applied. Queued rather than run at once, so an incoming description is never applied while our offer is half
   * made, and the description sent is the one just set.
   */
  negotiate() {
    console.debug('CareCall: negotiation needed; may offer:', this.mayOffer);
    this.note(`negotiation needed${this.mayOffer ? '' : ' (not ours to offer yet)'}`);
    if (!this.mayOffer || this.closed) return this.signals;
    return this.inTurn(() => this.offer());
  }

  async offer() {
    // An offer of the other side applied meanwhile may have done what was needed; if not, the browser asks again
    // once the signaling state is back to stable.
    if (this.closed || this.pc.signalingState !== 'stable') return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      console.debug('CareCall: sending offer');
      this.note(`offer out ${ufragOf(this.pc.localDescription)}`);
      this.options.sendSignal(descriptionSignal(this.pc.localDescription));
    } catch (e) {
      console.warn('CareCall: could not make an offer', e);
    } finally {
      this.makingOffer = false;
    }
  }

  /**
   * Applies the doctor's description, candidate or end of candidates. Signals are applied one at a time, in arrival
   * order and in turn with our own offers, so a candidate never races the description it belongs to.
   * @param {import('./protocol.js').SignalPayload} signal
   */
  handleSignal(signal) {
    return this.inTurn(() => this.apply(signal));
  }

  /** Runs one negotiation step after the ones before it, like the browser's own operations chain. */
  inTurn(step) {
    this.signals = this.signals.then(step).catch((e) => console.warn('CareCall: could not apply a signal', e));
    return this.signals;
  }

  async apply(signal) {
    if (this.closed) return;
    const kind = signalKind(signal);
    console.debug('CareCall: signal in', signal.type ?? kind, 'state', this.pc.signalingState);
    this.note(kind === 'description' ? `${signal.type} in ${ufragOf(signal)} (${this.pc.signalingState})`
      : `remote candidate ${describeCandidate(signal)}`);
    if (kind === 'description') {
      // Perfect negotiation: an offer collides with ours while we make one or wait for its answer (an answer being
      // set is not a collision: the state is stable once it is).
      const collision = signal.type === 'offer' && (this.makingOffer
        || (this.pc.signalingState !== 'stable' && !this.isSettingRemoteAnswerPending));
      if (collision) this.collisions += 1;
      // The impolite side ignores an offer that collides with its own; it will get an answer to its own offer.
      this.ignoreOffer = collision && !this.polite;
      if (this.ignoreOffer) {
        this.note('offer ignored (collision)');
        return;
      }
      // The patient is polite: on glare its own offer gives way to the doctor's. Offers are made in turn with the
      // signals, so ours is complete here and is rolled back explicitly (no implicit rollback racing it).
      const rolledBack = collision && this.pc.signalingState === 'have-local-offer';
      if (rolledBack) {
        this.note('rollback');
        await this.pc.setLocalDescription({ type: 'rollback' });
      }
      this.isSettingRemoteAnswerPending = signal.type === 'answer';
      try {
        await this.pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
      } finally {
        this.isSettingRemoteAnswerPending = false;
      }
      for (const c of this.pendingCandidates.splice(0)) await this.addCandidate(c);
      if (signal.type === 'answer') this.watchStart();
      if (signal.type === 'offer') {
        this.mayOffer = true;
        await this.pc.setLocalDescription();
        this.note(`answer out ${ufragOf(this.pc.localDescription)}`);
        this.options.sendSignal(descriptionSignal(this.pc.localDescription));
        this.watchStart();
      }
    } else if (this.pc.remoteDescription) {
      // A candidate or the end marker: addIceCandidate takes both as the other browser wrote them.
      await this.addCandidate(signal);
    } else {
      // Candidates can overtake the description they belong to; they are applied once it arrives.
      this.pendingCandidates.push(signal);
    }
  }

  async addCandidate(c) {
    try {
      await this.pc.addIceCandidate(c);
    } catch (e) {
      // Candidates of an offer we ignored belong to nothing here: expected, not worth a warning.
      if (!this.ignoreOffer) console.warn('CareCall: ignored an ICE candidate', e);
    }
  }

  /** Negotiation is complete: ICE should start now; if it has not after a while, restart it. */
  watchStart() {
    clearTimeout(this.stuckTimer);
    if (this.stuckRestarts >= STUCK_RESTARTS) return;
    this.stuckTimer = setTimeout(() => {
      if (this.closed || this.pc.connectionState !== 'new' || this.pc.signalingState !== 'stable') return;
      this.stuckRestarts += 1;
      console.info('CareCall: ICE has not started, restarting it');
      this.restartIce();
    }, STUCK_NEW_MS);
  }

  gatheringChanged() {
    const state = this.pc.iceGatheringState;
    this.note(`gathering ${state}${state === 'complete' ? ` (${this.localCandidates} candidates so far)` : ''}`);
    // Without a single local candidate no connection can ever form: say so instead of "connecting" forever. Only
    // the connection's whole life counts: in Chromium the gathering state is one for all ICE generations, and an
    // older generation that finishes (the answer to the doctor's offer, made just before our next offer) makes it
    // "complete" before the newer one has given its candidates. Counted per round, that read as "gathered nothing"
    // after every glare.
    if (state === 'complete' && this.localCandidates === 0 && !this.closed) {
      this.options.onUnreachable?.();
      // Gathering also comes back empty after glare in Chromium and while the machine's network changes: gather
      // once more (bounded, like the restarts of ICE that never started); a refused TURN stays refused.
      if (this.stuckRestarts < STUCK_RESTARTS) {
        this.stuckRestarts += 1;
        this.restartIce();
      }
    }
  }

  connectionChanged() {
    const state = this.pc.connectionState;
    this.note(`connection ${state}`);
    this.options.onConnectionState(state);
    if (state === 'connected') this.firstPicture?.grow(() => this.pc.getStats());
    clearTimeout(this.lostTimer);
    if (state === 'failed') this.lost();
    else if (state === 'disconnected') this.lostTimer = setTimeout(() => this.lost(), DISCONNECTED_GRACE_MS);
  }

  /** The connection is lost: the doctor (impolite) restarts ICE; the patient does only when the doctor is away. */
  lost() {
    if (this.closed) return;
    if (!this.polite || !this.options.doctorPresent()) {
      this.restartIce();
      return;
    }
    // Give the doctor its chance first; if the connection is still down afterwards, the patient restarts.
    this.lostTimer = setTimeout(() => {
      if (['failed', 'disconnected'].includes(this.pc.connectionState)) this.restartIce();
    }, DISCONNECTED_GRACE_MS);
  }

  /** Starts an ICE restart (an offer with new ICE credentials), e.g. after the signaling socket came back. */
  restartIce() {
    if (this.closed) return;
    this.note('ICE restart asked for');
    this.mayOffer = true;
    this.pc.restartIce();
  }

  /** Keeps one step of the negotiation for {@link negotiation}, with the milliseconds since the connection was made. */
  note(what) {
    this.trail.push(`${Date.now() - this.born} ${what}`);
    if (this.trail.length > TRAIL_LENGTH) this.trail.shift();
  }

  /** Turns the microphone or camera track on or off without renegotiation. */
  setEnabled(kind, enabled) {
    for (const t of this.options.localStream?.getTracks() ?? []) if (t.kind === kind) t.enabled = enabled;
  }

  /** What each transceiver negotiated, for the tests' failure reports. */
  describe() {
    return this.pc.getTransceivers().map((t) => ({
      mid: t.mid, kind: t.receiver.track.kind, direction: t.direction, currentDirection: t.currentDirection,
      sending: !!t.sender.track,
    }));
  }

  /**
   * Where the negotiation stands, for the tests: the signaling, ICE and gathering states, both sides' ICE user
   * fragments, and the trail of steps that led there.
   */
  negotiation() {
    return {
      signalingState: this.pc.signalingState, iceConnectionState: this.pc.iceConnectionState,
      iceGatheringState: this.pc.iceGatheringState, localUfrag: ufragOf(this.pc.localDescription),
      remoteUfrag: ufragOf(this.pc.remoteDescription), collisions: this.collisions, trail: [...this.trail],
    };
  }

  /** @returns {Promise<RTCStatsReport>} */
  getStats() {
    return this.pc.getStats();
  }

  close() {
    this.closed = true;
    this.firstPicture?.stop();
    clearTimeout(this.lostTimer);
    clearTimeout(this.stuckTimer);
    this.pc.close();
  }
}

/** How many steps {@link CallPeer#negotiation} keeps. */
const TRAIL_LENGTH = 120;

/** The ICE user fragment of a description, or null. */
function ufragOf(description) {
  return /^a=ice-ufrag:(.*)$/m.exec(description?.sdp ?? '')?.[1]?.trim() ?? null;
}

/** A candidate in a few words for the trail: its type, transport, user fragment and section, or the end marker. */
function describeCandidate(c) {
  if (!c) return 'gathering done';
  if (!c.candidate) return `end of ${c.sdpMid ?? '?'} ${c.usernameFragment ?? ''}`.trim();
  const typ = / typ (\w+)/.exec(c.candidate)?.[1] ?? '?';
  const proto = / (udp|tcp) /i.exec(c.candidate)?.[1] ?? '?';
  const ufrag = c.usernameFragment ?? / ufrag (\S+)/.exec(c.candidate)?.[1] ?? '?';
  return `${typ}/${proto.toLowerCase()} ${ufrag} mid ${c.sdpMid ?? c.sdpMLineIndex}`;
}

/**
 * Sums what the tests and the quality indicator need from a stats report.
 * @param {Iterable<any>} reports the values of an RTCStatsReport
 */
export function summariseStats(reports) {
  const s = {
    videoFramesDecoded: 0, videoFramesReceived: 0, videoFramesSent: 0, videoPacketsReceived: 0,
    audioPacketsReceived: 0, audioBytesReceived: 0, audioPacketsSent: 0, videoPacketsSent: 0,
    roundTripTimeMillis: -1,
    /** Candidate types of the selected pair ('host', 'srflx', 'prflx', 'relay'), or null before one is chosen. */
    localCandidateType: null, remoteCandidateType: null,
  };
  const all = [...reports];
  const byId = new Map(all.map((r) => [r.id, r]));
  const selectedId = all.find((r) => r.type === 'transport' && r.selectedCandidatePairId)?.selectedCandidatePairId;
  const selected = selectedId ? byId.get(selectedId)
    : all.find((r) => r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded');
  if (selected) {
    s.localCandidateType = byId.get(selected.localCandidateId)?.candidateType ?? null;
    s.remoteCandidateType = byId.get(selected.remoteCandidateId)?.candidateType ?? null;
  }
  for (const r of all) {
    if (r.type === 'inbound-rtp' && r.kind === 'video') {
      s.videoFramesDecoded += r.framesDecoded ?? 0;
      s.videoFramesReceived += r.framesReceived ?? 0;
      s.videoPacketsReceived += r.packetsReceived ?? 0;
    } else if (r.type === 'inbound-rtp' && r.kind === 'audio') {
      s.audioPacketsReceived += r.packetsReceived ?? 0;
      s.audioBytesReceived += r.bytesReceived ?? 0;
    } else if (r.type === 'outbound-rtp' && r.kind === 'video') {
      s.videoFramesSent += r.framesSent ?? 0;
      s.videoPacketsSent += r.packetsSent ?? 0;
    } else if (r.type === 'outbound-rtp' && r.kind === 'audio') {
      s.audioPacketsSent += r.packetsSent ?? 0;
    } else if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded'
      && r.currentRoundTripTime !== undefined) {
      s.roundTripTimeMillis = r.currentRoundTripTime * 1000;
    }
  }
  return s;
}
