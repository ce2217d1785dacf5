// @ts-check
/**
 * The lines the chat shows, each once. A line reaches the page as `chat` while the page is connected and again in
 * `chatTranscript` when the page registers into a running call (after a reload or a dropped socket), possibly both
 * for a line written during the reconnect; the server's time, the writer and the words identify it.
 */
export class ChatLog {
  constructor() {
    /** @type {Set<string>} */
    this.shown = new Set();
  }

  /**
   * Marks a relayed line as shown; false when it is shown already.
   * @param {{from: string, text: string, sentAt: string}} line
   */
  take(line) {
    const key = `${line.sentAt}\u0000${line.from}\u0000${line.text}`;
    if (this.shown.has(key)) return false;
    this.shown.add(key);
    return true;
  }

  /**
   * The lines of a transcript that are not shown yet, oldest first, in the shape of `chat` messages; marks them shown.
   * @param {{at: string, from: string, text: string}[]} lines
   * @returns {{from: string, text: string, sentAt: string}[]}
   */
  missing(lines) {
    return lines.map((l) => ({ from: l.from, text: l.text, sentAt: l.at }))
      .filter((line) => this.take(line))
      .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
  }
}
