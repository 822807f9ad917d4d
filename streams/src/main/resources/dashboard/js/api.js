// The MedPulse query API (issue 5) as seen from the page: JSON over GET, an optional bearer token,
// and 503 + Retry-After while the streams application starts, restores or rebalances. The token
// names an audience (analyst or public); without one, the API answers for the public, unless its
// operator requires a token (401).

const MIN_RETRY_SECONDS = 1;
const MAX_RETRY_SECONDS = 30;
const DEFAULT_RETRY_SECONDS = 2;
const MAX_WARMING_ATTEMPTS = 60;
// A call that never ends would hold every later live refresh back: give up and say so.
const REQUEST_TIMEOUT_MS = 15000;

/** A failed call, with a message meant for the reader. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** Thrown when the page no longer wants an answer (a newer refresh started): never shown. */
export class SupersededError extends Error {
  constructor() {
    super('superseded');
    this.name = 'SupersededError';
  }
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110); anything else gets the default. */
export function retryAfterSeconds(header, now = Date.now()) {
  let seconds = DEFAULT_RETRY_SECONDS;
  if (header && /^\s*\d+\s*$/.test(header)) {
    seconds = Number(header);
  } else if (header && !Number.isNaN(Date.parse(header))) {
    seconds = Math.ceil((Date.parse(header) - now) / 1000);
  }
  return Math.min(MAX_RETRY_SECONDS, Math.max(MIN_RETRY_SECONDS, seconds));
}

export class Api {
  /**
   * @param base the API root relative to the page, so the page also works behind a path prefix
   * @param token the bearer token, or null for the public's answers
   * @param onWarming called with (waitingCalls, seconds) whenever calls start or stop waiting on a 503
   * @param onDisclosure called with the `disclosure` block of every answer that has one
   */
  constructor({ base = 'api/v1/', token = null, onWarming = () => {}, onDisclosure = () => {} } = {}) {
    this.base = new URL(base, document.baseURI);
    this.token = token;
    this.onWarming = onWarming;
    this.onDisclosure = onDisclosure;
    this.waiting = 0;
  }

  /** The URL of the live stream; EventSource cannot send headers, so the token goes in the query. */
  streamUrl() {
    const url = new URL('stream', this.base);
    if (this.token) {
      url.searchParams.set('access_token', this.token);
    }
    return url;
  }

  /**
   * GETs `path` with the non-empty `params`. Retries 503 answers after their Retry-After as long as
   * `wanted()` holds; rejects with ApiError (shown to the reader) or SupersededError (dropped).
   */
  async get(path, params = {}, wanted = () => true) {
    const url = new URL(path, this.base);
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== '') {
        url.searchParams.set(name, value);
      }
    }
    const headers = { Accept: 'application/json' };
    if (this.token) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    for (let attempt = 1; ; attempt++) {
      const response = await this.#fetch(url, headers);
      if (response.status === 503 && attempt < MAX_WARMING_ATTEMPTS) {
        await this.#waitWarming(retryAfterSeconds(response.headers.get('Retry-After')));
        if (!wanted()) {
          throw new SupersededError();
        }
        continue;
      }
      if (!response.ok) {
        throw new ApiError(response.status, await failureMessage(response, Boolean(this.token)));
      }
      const body = await response.json();
      if (body && body.disclosure) {
        this.onDisclosure(body.disclosure);
      }
      return body;
    }
  }

  async #fetch(url, headers) {
    try {
      return await fetch(url, { headers, cache: 'no-store', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (e) {
      if (e.name === 'TimeoutError') {
        throw new ApiError(0, `The MedPulse API did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`);
      }
      throw new ApiError(0, `The MedPulse API cannot be reached (${e.message}).`);
    }
  }

  async #waitWarming(seconds) {
    this.waiting++;
    this.onWarming(this.waiting, seconds);
    try {
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    } finally {
      this.waiting--;
      this.onWarming(this.waiting, seconds);
    }
  }
}

async function failureMessage(response, withToken) {
  if (response.status === 401) {
    return withToken
      ? 'The API refused the token in this page\'s address (?token=): ask for a valid one.'
      : 'The API needs a token: open this page with ?token=YOUR_TOKEN in its address.';
  }
  let detail = '';
  try {
    const body = await response.json();
    detail = body && body.error ? String(body.error) : '';
  } catch {
    // Not JSON (a proxy's page, say): the status alone must do.
  }
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return detail ? `${detail} (HTTP ${status})` : `The API answered HTTP ${status}.`;
}
