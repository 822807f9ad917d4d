// How the figures a reader sees were published, from the `disclosure` block every API answer
// carries: {"method":"suppress","k":5} (exact counts, small groups hidden) or
// {"method":"cell-key","D":5,"V":3.0,"js":3} (every count perturbed by the cell key method).
// The page only says what the answer says: it never computes or corrects a figure itself.

const SUPPRESS = 'suppress';
const CELL_KEY = 'cell-key';

/** Whether the answer's counts were perturbed (the cell key method) rather than exact. */
export function perturbed(disclosure = {}) {
  return disclosure.method === CELL_KEY;
}

/** The badge: which method the figures come from, with its parameters. */
export function methodBadge(disclosure) {
  switch (disclosure.method) {
    case SUPPRESS:
      return `Exact figures, groups under ${disclosure.k} hidden`;
    case CELL_KEY:
      return `Perturbed figures (cell key method, D=${disclosure.D}, V=${disclosure.V}, js=${disclosure.js})`;
    default: // a method newer than this page: name it rather than claim anything about it
      return `Figures published by the ${disclosure.method} method`;
  }
}

/**
 * What perturbation means for a reader, in plain words; empty for exact figures, whose badge says
 * it all. Kept in the page because the reader cannot reach the project's documentation.
 */
export function readerNote(disclosure) {
  if (disclosure.method !== CELL_KEY) {
    return '';
  }
  const { D, js } = disclosure;
  // With js ≤ 1 no count is held back, and there is nothing to say about small counts.
  const small = js > 1 ? ` Counts below ${js} are never shown: a very small group shows as 0 or as at least ${js}.` : '';
  return `To protect respondents, each count here has had a small random amount, at most ${D}, added or removed.`
    + ' The same figures always get the same amount, so asking again does not average it away.'
    + `${small} Shares and intervals are computed from these perturbed counts, so small differences`
    + ' between figures are not meaningful.';
}

/**
 * Why a result is hidden, as its own answer's method explains it. Under suppression the group fell
 * below k (or, at k or more, is a free-text tool too few named); under the cell key method a hidden
 * group has 0 respondents as published, which may be none or a few.
 */
export function hiddenText(what, respondents, disclosure = {}) {
  const cellKey = disclosure.method === CELL_KEY;
  if (respondents === 0) {
    return cellKey
      ? `${what}: no respondents, or too few to show — hidden for privacy.`
      : `${what}: no respondents match this selection.`;
  }
  // Without a disclosure block (an older API), a hidden group is one below the threshold.
  if (cellKey || respondents >= (disclosure.k ?? Infinity)) {
    return `${what}: hidden for privacy.`;
  }
  const people = respondents === 1 ? '1 respondent' : `${respondents} respondents`;
  return `${what}: only ${people}, fewer than the privacy threshold — hidden for privacy.`;
}

/**
 * Why a question shows nothing when none of the selection's respondents was asked it (a wave from
 * before the question existed, or partners whose files lack it). Under the cell key method a
 * published 0 may also be a few who were asked.
 */
export function notAskedText(what, respondents, disclosure = {}) {
  if (perturbed(disclosure)) {
    return `${what}: not asked in this wave, or asked of too few to show — hidden for privacy.`;
  }
  const who = respondents === 1 ? 'this respondent was not asked' : `none of these ${respondents} respondents was asked`;
  return `${what}: not asked in this wave — ${who}.`;
}
