// The live feed: GET /api/v1/stream, Server-Sent Events carrying a wave's new totals
// ({wave, respondents, suppressed, regularUsers}). The browser reconnects by itself after a dropped
// connection; when it gives up (an HTTP error, a wrong content type) we reconnect with a backoff.

const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30000;

export class LiveFeed {
  /**
   * @param url the stream URL
   * @param onTotals called with each event's data
   * @param onStatus called with 'connecting' | 'open' | 'reconnecting' | 'closed' and, when closed,
   *        the milliseconds until the next attempt
   * @param onOpen called on every successful (re)connection: events may have been missed before it
   */
  constructor(url, { onTotals, onStatus, onOpen }) {
    this.url = url;
    this.onTotals = onTotals;
    this.onStatus = onStatus;
    this.onOpen = onOpen;
    this.failures = 0;
    this.source = null;
    this.timer = null;
  }

  start() {
    this.#connect();
    // Closing the stream before the page goes away spares the server a dead client.
    window.addEventListener('pagehide', () => this.stop());
  }

  stop() {
    clearTimeout(this.timer);
    if (this.source) {
      this.source.close();
      this.source = null;
    }
  }

  #connect() {
    this.onStatus('connecting');
    const source = new EventSource(this.url);
    this.source = source;
    const deliver = (event) => this.#deliver(event);
    // The API names its events `wave-totals`; unnamed events are accepted too.
    source.addEventListener('wave-totals', deliver);
    source.addEventListener('message', deliver);
    source.addEventListener('open', () => {
      this.failures = 0;
      this.onStatus('open');
      this.onOpen();
    });
    source.addEventListener('error', () => {
      if (source !== this.source) {
        return;
      }
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        const delay = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** this.failures);
        this.failures++;
        this.onStatus('closed', delay);
        this.timer = setTimeout(() => this.#connect(), delay);
      } else {
        this.onStatus('reconnecting');
      }
    });
  }

  #deliver(event) {
    let totals;
    try {
      totals = JSON.parse(event.data);
    } catch {
      console.warn('MedPulse: ignoring a live event that is not JSON:', event.data);
      return;
    }
    if (totals && typeof totals.wave === 'string') {
      this.onTotals(totals);
    }
  }
}
