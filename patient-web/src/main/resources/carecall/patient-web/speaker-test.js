// The speaker test: a short, gentle two-note chime made in the page (no file to fetch), played through the chosen
// output where the browser lets a page choose it.

/**
 * A 16-bit mono PCM WAV file of notes played one after another, each faded in and out so it does not click.
 * @param {{frequencies?: number[], noteMs?: number, sampleRate?: number, volume?: number}} [options]
 * @returns {Uint8Array}
 */
export function chimeWav({ frequencies = [660, 880], noteMs = 350, sampleRate = 22050, volume = 0.5 } = {}) {
  const perNote = Math.round((sampleRate * noteMs) / 1000);
  const samples = perNote * frequencies.length;
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const text = (offset, s) => [...s].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  const fade = Math.round(sampleRate * 0.02);
  for (let n = 0; n < frequencies.length; n++) {
    for (let i = 0; i < perNote; i++) {
      const envelope = Math.min(1, i / fade, (perNote - i) / fade);
      const value = Math.sin((2 * Math.PI * frequencies[n] * i) / sampleRate) * volume * envelope;
      view.setInt16(44 + (n * perNote + i) * 2, Math.round(value * 32767), true);
    }
  }
  return bytes;
}

/**
 * Plays the chime once. Resolves when it has played; rejects when the browser refuses (no output, autoplay rules).
 * @param {string | null} [sinkId] the chosen output device
 * @returns {Promise<void>}
 */
export async function playChime(sinkId) {
  const url = URL.createObjectURL(new Blob([chimeWav()], { type: 'audio/wav' }));
  const audio = new Audio(url);
  try {
    if (sinkId && typeof audio.setSinkId === 'function') await audio.setSinkId(sinkId);
    const ended = new Promise((resolve, reject) => {
      audio.onended = () => resolve();
      audio.onerror = () => reject(new Error('the test sound could not be played'));
    });
    await audio.play();
    await ended;
  } finally {
    URL.revokeObjectURL(url);
  }
}
