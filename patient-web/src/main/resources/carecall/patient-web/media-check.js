// The pre-call check: asks for camera and microphone, explains in plain words why that failed, and measures the
// microphone level so the patient sees that the doctor will hear them.

import { t } from './i18n.js';

/**
 * @typedef {{kind: 'denied'|'busy'|'missing'|'insecure'|'unknown', title: string, text: string}} MediaProblem
 */

/**
 * Turns a getUserMedia failure into what the patient reads. Technical detail goes to the console only.
 * @param {{name?: string}} error
 * @returns {MediaProblem}
 */
export function describeMediaError(error) {
  const kind = MEDIA_ERROR_KINDS[error?.name] ?? 'unknown';
  return { kind, title: t(`media.${kind}.title`), text: t(`media.${kind}.text`) };
}

/** @type {Record<string, MediaProblem['kind']>} the browser's error names, old and new */
const MEDIA_ERROR_KINDS = {
  NotAllowedError: 'denied',
  PermissionDeniedError: 'denied',
  SecurityError: 'denied',
  NotReadableError: 'busy',
  TrackStartError: 'busy',
  AbortError: 'busy',
  NotFoundError: 'missing',
  DevicesNotFoundError: 'missing',
  OverconstrainedError: 'missing',
  TypeError: 'insecure',
};

/**
 * What to ask the browser for: the chosen devices, else the front camera (on a phone) and the default microphone.
 * @param {{cameraId?: string | null, microphoneId?: string | null}} [choice]
 */
export function mediaConstraints(choice = {}) {
  return {
    audio: {
      echoCancellation: true, noiseSuppression: true,
      ...(choice.microphoneId ? { deviceId: { exact: choice.microphoneId } } : {}),
    },
    video: {
      width: { ideal: 1280 }, height: { ideal: 720 },
      ...(choice.cameraId ? { deviceId: { exact: choice.cameraId } } : { facingMode: 'user' }),
    },
  };
}

/**
 * Asks for camera and microphone. If both fail together, tries the microphone alone, since a consultation by voice
 * is better than none.
 * @param {MediaDevices} devices
 * @param {{cameraId?: string | null, microphoneId?: string | null}} [choice] devices the patient picked
 * @returns {Promise<{stream: MediaStream | null, problem: MediaProblem | null}>}
 */
export async function openLocalMedia(devices = navigator.mediaDevices, choice = {}) {
  if (!devices?.getUserMedia) return { stream: null, problem: describeMediaError({ name: 'TypeError' }) };
  try {
    const stream = await devices.getUserMedia(mediaConstraints(choice));
    return { stream, problem: null };
  } catch (error) {
    console.warn('CareCall: camera and microphone failed', error);
    const problem = describeMediaError(error);
    if (problem.kind === 'missing' || problem.kind === 'busy') {
      try {
        return { stream: await devices.getUserMedia({ audio: true }), problem };
      } catch (audioError) {
        console.warn('CareCall: microphone alone failed too', audioError);
      }
    }
    return { stream: null, problem };
  }
}

/**
 * Loudness of one analyser frame, 0 (silence) to 1 (full scale), from time-domain bytes centred on 128.
 * @param {Uint8Array} samples
 */
export function levelFromSamples(samples) {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const v of samples) {
    const x = (v - 128) / 128;
    sum += x * x;
  }
  // Speech RMS rarely exceeds ~0.3 of full scale; scale so normal speech fills most of the meter.
  return Math.min(1, Math.sqrt(sum / samples.length) * 3);
}

/**
 * A live microphone level meter on a WebAudio AnalyserNode.
 * @param {MediaStream} stream
 * @param {(level: number) => void} onLevel called about 20 times a second
 * @returns {{stop: () => void, level: () => number}}
 */
export function startLevelMeter(stream, onLevel) {
  const Ctx = globalThis.AudioContext ?? globalThis.webkitAudioContext;
  if (!Ctx || stream.getAudioTracks().length === 0) return { stop() {}, level: () => 0 };
  const context = new Ctx();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  let last = 0;
  // A timer rather than requestAnimationFrame: it keeps measuring in a background tab and in headless tests.
  const timer = setInterval(() => {
    analyser.getByteTimeDomainData(samples);
    last = levelFromSamples(samples);
    onLevel(last);
  }, 50);
  // Browsers start an AudioContext suspended until a user gesture (Firefox and Safari by default): the first tap,
  // click or key press anywhere on the page resumes it.
  const gestures = ['pointerdown', 'keydown', 'click'];
  const resume = () => {
    context.resume().catch(() => {});
    for (const g of gestures) document.removeEventListener(g, resume, true);
  };
  if (context.state === 'suspended') {
    context.resume().catch(() => {});
    for (const g of gestures) document.addEventListener(g, resume, true);
  }
  return {
    stop() {
      for (const g of gestures) document.removeEventListener(g, resume, true);
      clearInterval(timer);
      source.disconnect();
      context.close().catch(() => {});
    },
    level: () => last,
  };
}
