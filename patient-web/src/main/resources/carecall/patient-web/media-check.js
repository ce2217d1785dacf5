// The pre-call check: asks for camera and microphone, explains in plain words why that failed, and measures the
// microphone level so the patient sees that the doctor will hear them.

/**
 * @typedef {{kind: 'denied'|'busy'|'missing'|'insecure'|'unknown', title: string, text: string}} MediaProblem
 */

/**
 * Turns a getUserMedia failure into what the patient reads. Technical detail goes to the console only.
 * @param {{name?: string}} error
 * @returns {MediaProblem}
 */
export function describeMediaError(error) {
  switch (error?.name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return {
        kind: 'denied',
        title: 'Your browser is not allowing the camera and microphone',
        text: 'Click the camera icon in the address bar (on a phone: your browser\'s site settings), choose '
          + '"Allow" for camera and microphone, then press Try again.',
      };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return {
        kind: 'busy',
        title: 'Your camera or microphone is being used by another program',
        text: 'Close other video call apps or browser tabs that use the camera, then press Try again.',
      };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return {
        kind: 'missing',
        title: 'We could not find a camera or microphone',
        text: 'Plug in a headset or webcam, or open this link on a phone or tablet, then press Try again. '
          + 'You can also join without them and still see and hear your doctor.',
      };
    case 'TypeError':
      return {
        kind: 'insecure',
        title: 'This browser cannot use the camera on this page',
        text: 'Open the link exactly as you received it (it starts with https://), in an up-to-date Chrome, '
          + 'Edge, Firefox or Safari.',
      };
    default:
      return {
        kind: 'unknown',
        title: 'The camera and microphone did not start',
        text: 'Press Try again. If it keeps failing, restart your browser.',
      };
  }
}

/**
 * Asks for camera and microphone. If both fail together, tries the microphone alone, since a consultation by voice
 * is better than none.
 * @param {MediaDevices} devices
 * @returns {Promise<{stream: MediaStream | null, problem: MediaProblem | null}>}
 */
export async function openLocalMedia(devices = navigator.mediaDevices) {
  if (!devices?.getUserMedia) return { stream: null, problem: describeMediaError({ name: 'TypeError' }) };
  try {
    const stream = await devices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true },
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' },
    });
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
  // Browsers start an AudioContext suspended until a user gesture; the first click resumes it.
  if (context.state === 'suspended') {
    const resume = () => context.resume();
    context.resume().catch(() => {});
    document.addEventListener('click', resume, { once: true });
  }
  return {
    stop() {
      clearInterval(timer);
      source.disconnect();
      context.close().catch(() => {});
    },
    level: () => last,
  };
}
