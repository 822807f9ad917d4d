// The MedPulse dashboard: reads the query API (issue 5), draws it with Chart.js, and refreshes
// when the live stream says the totals changed. State lives in the page address so a view can be
// shared: ?wave=&partner=&practiceType=&setting=&days=&tool=&token=. Without a token the page
// shows the public's figures, published by the method the API names in each answer.

import { Api, SupersededError } from './api.js';
import { LiveFeed } from './live.js';
import { charts, clear, COLORS, createCharts, show, snapshot } from './charts.js';
import { hiddenText, methodBadge, notAskedText, perturbed, readerNote } from './disclosure.js';
import { formatClock, formatCount, formatDay, formatInterval, formatShare, humanize, percent } from './format.js';

const LIVE_REFRESH_DELAY_MS = 150; // gathers a burst of live events into one refresh
const PARTNER_TYPING_DELAY_MS = 500;
const TOP_TOOLS = 10;
const COMPARED_PRACTICE_TYPES = ['GENERAL_PRACTITIONER', 'SPECIALIST'];
// Rolling windows offered: both are among the lengths the cell key method accepts (1, 7, 30, 90
// days; others get 400), so that the public view asks nothing it would be refused.
const ROLLING_DAYS = [30, 90];
// The tools entry that groups free-text tools too few respondents named: it has no trend of its own.
const OTHER_TOOLS = '_other';

const $ = (id) => document.getElementById(id);
const address = new URLSearchParams(window.location.search);

const state = {
  waves: new Map(), // wave → summary from GET /waves, in wave order
  wave: address.get('wave'),
  partner: address.get('partner') ?? '',
  practiceType: address.get('practiceType') ?? '',
  setting: address.get('setting') ?? '',
  days: ROLLING_DAYS.includes(Number(address.get('days'))) ? Number(address.get('days')) : ROLLING_DAYS[0],
  tool: address.get('tool') === OTHER_TOOLS ? null : address.get('tool'),
  toolIds: [], // the tools chart's rows, for clicks
  toolNames: new Map(), // tool id → display name, as the API last gave it
};

/** What tests and curious readers can see through window.medpulse.status(). */
const status = {
  live: 'connecting',
  refreshing: false,
  refreshes: 0,
  lastUpdate: null,
  lastEventAt: null,
  liveEvents: 0,
  liveDrops: 0,
  warmingNotices: 0,
};

const api = new Api({ token: address.get('token') || null, onWarming: showWarming, onDisclosure: showDisclosure });

/**
 * The latest request of one kind wins: a ticket from `next()` stays current until the next
 * ticket is taken, and answers for a stale ticket are dropped.
 */
class Latest {
  #counter = 0;

  next() {
    const mine = ++this.#counter;
    return () => mine === this.#counter;
  }
}

const refreshes = new Latest();
const toolTrends = new Latest();
const rollings = new Latest();

/** A GET whose answer is dropped (SupersededError) once `current()` no longer holds. */
function reader(current) {
  return async (path, params) => {
    const body = await api.get(path, params, current);
    if (!current()) {
      throw new SupersededError();
    }
    return body;
  };
}

function filters() {
  return { partner: state.partner.trim(), practiceType: state.practiceType, setting: state.setting };
}

const wavePath = (wave, what) => `waves/${encodeURIComponent(wave)}/${what}`;

// ---------------------------------------------------------------- cards

function setCard(id, cardState, note = '') {
  const card = $(id);
  card.dataset.state = cardState;
  card.removeAttribute('aria-busy');
  const noteElement = card.querySelector('[data-role="note"]');
  noteElement.textContent = note;
  noteElement.hidden = note === '';
}

/**
 * Runs a card's loader; a failure shows in the cards, never only in the console. Resolves to
 * whether the cards now show fresh data.
 */
async function guarded(cardIds, load) {
  try {
    await load();
    return true;
  } catch (e) {
    if (e instanceof SupersededError) {
      return false;
    }
    console.warn('MedPulse:', e);
    for (const id of cardIds) {
      if (id === 'kpis') {
        showKpiError(e);
      } else {
        setCard(id, 'error', `Could not load this chart: ${e.message}`);
      }
    }
    return false;
  }
}

// ---------------------------------------------------------------- headline figures and use cases

function showUsage(usage) {
  const kpis = $('kpis');
  $('kpi-respondents').textContent = formatCount(usage.respondents);
  $('kpi-wave').textContent = `wave ${usage.wave}`;
  const note = $('kpis-note');
  if (usage.suppressed) {
    kpis.dataset.state = 'suppressed';
    for (const id of ['kpi-regular', 'kpi-users', 'kpi-never']) {
      $(id).textContent = 'Hidden';
    }
    for (const id of ['kpi-regular-ci', 'kpi-users-ci', 'kpi-never-ci']) {
      $(id).textContent = 'too few to show'; // true of either method; the note below says more
    }
    note.textContent = hiddenText('This selection', usage.respondents, usage.disclosure);
    note.hidden = false;
    clear('useCases');
    setCard('card-use-cases', 'suppressed', hiddenText('Use cases', usage.respondents, usage.disclosure));
    return;
  }
  kpis.dataset.state = 'ok';
  note.hidden = true;
  const never = usage.frequencies.NEVER;
  $('kpi-regular').textContent = formatShare(usage.regularUsers.share);
  $('kpi-regular-ci').textContent = `${formatInterval(usage.regularUsers)} · ${usage.regularUsers.count} of ${usage.respondents}`;
  $('kpi-users').textContent = formatShare(usage.users.share);
  $('kpi-users-ci').textContent = formatInterval(usage.users);
  $('kpi-never').textContent = formatShare(never.share);
  $('kpi-never-ci').textContent = formatInterval(never);
  showUseCases(usage);
}

function showKpiError(error) {
  const kpis = $('kpis');
  kpis.dataset.state = 'error';
  for (const id of ['kpi-respondents', 'kpi-regular', 'kpi-users', 'kpi-never']) {
    $(id).textContent = '–';
  }
  const note = $('kpis-note');
  note.textContent = `Could not load the headline figures: ${error.message}`;
  note.hidden = false;
}

function showUseCases(usage) {
  const symbols = Object.keys(usage.useCases)
    .sort((a, b) => usage.useCases[b].count - usage.useCases[a].count
      || usage.expectedFutureUseCases[b].count - usage.expectedFutureUseCases[a].count);
  const series = (label, map, color) => ({
    label,
    data: symbols.map((s) => percent(map[s].share)),
    stats: symbols.map((s) => map[s]),
    respondents: symbols.map(() => usage.respondents),
    backgroundColor: color,
  });
  show('useCases', symbols.map(humanize), [
    series('Use now', usage.useCases, COLORS.now),
    series('Expect to use', usage.expectedFutureUseCases, COLORS.expected),
  ]);
  setCard('card-use-cases', 'ok');
}

// ---------------------------------------------------------------- GPs beside specialists

function showFrequencies(byType) {
  const shown = byType.filter(({ usage }) => !usage.suppressed);
  const hidden = byType.filter(({ usage }) => usage.suppressed);
  const notes = hidden.map(({ type, usage }) => hiddenText(humanize(type), usage.respondents, usage.disclosure));
  if (shown.length === 0) {
    clear('frequency');
    setCard('card-frequency', 'suppressed', notes.join(' '));
    return;
  }
  const symbols = Object.keys(shown[0].usage.frequencies);
  const colors = { GENERAL_PRACTITIONER: COLORS.gp, SPECIALIST: COLORS.specialist };
  const datasets = byType.map(({ type, usage }) => ({
    label: usage.suppressed ? `${humanize(type)} (hidden)` : `${humanize(type)} (n = ${usage.respondents})`,
    data: symbols.map((s) => (usage.suppressed ? null : percent(usage.frequencies[s].share))),
    stats: symbols.map((s) => (usage.suppressed ? null : usage.frequencies[s])),
    respondents: symbols.map(() => usage.respondents),
    backgroundColor: colors[type],
  }));
  show('frequency', symbols.map(humanize), datasets);
  setCard('card-frequency', hidden.length > 0 ? 'partial' : 'ok', notes.join(' '));
}

// ---------------------------------------------------------------- regular users across waves

function showRegularTrend(usages) {
  const labels = usages.map((u) => u.wave);
  const hidden = usages.filter((u) => u.suppressed);
  const notes = hidden.map((u) => hiddenText(`Wave ${u.wave}`, u.respondents, u.disclosure));
  if (hidden.length === usages.length) {
    clear('trend');
    setCard('card-trend', 'suppressed', notes.join(' '));
    return;
  }
  const visible = (u, value) => (u.suppressed ? null : value(u));
  show('trend', labels, [
    {
      type: 'line',
      label: 'Regular users',
      data: usages.map((u) => visible(u, () => percent(u.regularUsers.share))),
      stats: usages.map((u) => visible(u, () => u.regularUsers)),
      respondents: usages.map((u) => u.respondents),
      borderColor: COLORS.regular,
      backgroundColor: COLORS.regular,
      pointRadius: 5,
      order: 0,
    },
    {
      type: 'bar',
      label: '95% interval',
      data: usages.map((u) => visible(u, () => u.regularUsers.ci95.map(percent))),
      backgroundColor: COLORS.interval,
      barPercentage: 0.35,
      order: 1,
    },
  ]);
  setCard('card-trend', hidden.length > 0 ? 'partial' : 'ok', notes.join(' '));
}

// ---------------------------------------------------------------- barriers

function showBarriers(report) {
  if (report.suppressed) {
    clear('barriers');
    setCard('card-barriers', 'suppressed', hiddenText('Barriers', report.respondents, report.disclosure));
    return;
  }
  show('barriers', report.barriers.map((b) => humanize(b.barrier)), [{
    label: 'Respondents naming it',
    data: report.barriers.map((b) => percent(b.share)),
    stats: report.barriers,
    respondents: report.barriers.map(() => report.respondents),
    backgroundColor: COLORS.barrier,
  }]);
  setCard('card-barriers', 'ok');
}

// ---------------------------------------------------------------- market drivers

/**
 * Asked since schema v2 only: shares are of the respondents asked, who may be fewer than the
 * selection's respondents, or none (a wave from before the question).
 */
function showDrivers(report) {
  const { respondents, asked, disclosure } = report;
  const facts = $('drivers-asked');
  facts.textContent = asked < respondents
    ? `Asked of ${formatCount(asked)} of the ${formatCount(respondents)} respondents`
    : `Asked of ${formatCount(asked)} respondent${asked === 1 ? '' : 's'}`;
  facts.hidden = asked === 0; // the note says why
  if (report.suppressed) {
    clear('drivers');
    setCard('card-drivers', ...hiddenDrivers(report));
    return;
  }
  show('drivers', report.drivers.map((d) => humanize(d.driver)), [{
    label: 'Respondents asked naming it',
    data: report.drivers.map((d) => percent(d.share)),
    stats: report.drivers,
    respondents: report.drivers.map(() => asked),
    backgroundColor: COLORS.driver,
  }]);
  setCard('card-drivers', 'ok');
}

/** The state and note of a suppressed drivers answer: too few asked, no respondents, or none asked. */
function hiddenDrivers({ respondents, asked, disclosure }) {
  if (asked > 0) {
    return ['suppressed', hiddenText('Those asked about market drivers', asked, disclosure)];
  }
  if (respondents === 0) {
    return ['suppressed', hiddenText('Market drivers', 0, disclosure)];
  }
  return [perturbed(disclosure) ? 'suppressed' : 'not-asked', notAskedText('Market drivers', respondents, disclosure)];
}

// ---------------------------------------------------------------- tools

function showTools(report) {
  if (report.suppressed) {
    state.toolIds = [];
    clear('tools');
    setCard('card-tools', 'suppressed', hiddenText('Tools', report.respondents, report.disclosure));
    fillToolChoice([]);
    return;
  }
  const tools = report.tools;
  state.toolIds = tools.map((t) => t.tool);
  tools.forEach((t) => state.toolNames.set(t.tool, t.name));
  fillToolChoice(tools.filter((t) => t.tool !== OTHER_TOOLS));
  if (tools.length === 0) {
    clear('tools');
    setCard('card-tools', 'empty', 'No respondent in this selection names a tool.');
    return;
  }
  const series = (label, pick, color) => ({
    label,
    data: tools.map((t) => percent(pick(t).share)),
    stats: tools.map(pick),
    respondents: tools.map(() => report.respondents),
    backgroundColor: color,
  });
  const label = (t) => (t.known || t.tool === OTHER_TOOLS ? t.name : `${t.name} (unlisted)`);
  show('tools', tools.map(label), [
    series('Users', (t) => t.users, COLORS.users),
    series('Regular users', (t) => t.regularUsers, COLORS.regular),
  ]);
  const other = tools.find((t) => t.tool === OTHER_TOOLS);
  setCard('card-tools', 'ok', other ? `${other.name}: tools typed in by too few respondents to be named, counted together.` : '');
}

/**
 * The tool choice lists this selection's tools that have a trend (not the grouped other tools),
 * and keeps a chosen tool even when it is absent.
 */
function fillToolChoice(tools) {
  const select = $('tool');
  if (!state.tool && tools.length > 0) {
    state.tool = tools[0].tool;
  }
  const options = tools.map((t) => new Option(t.name, t.tool));
  if (state.tool && !tools.some((t) => t.tool === state.tool)) {
    options.push(new Option(state.toolNames.get(state.tool) ?? state.tool, state.tool));
  }
  select.replaceChildren(...options);
  select.disabled = options.length === 0;
  if (state.tool) {
    select.value = state.tool;
  }
}

async function loadToolTrend(current) {
  const get = reader(current);
  if (!state.tool) {
    clear('toolTrend');
    setCard('card-tool-trend', 'empty', 'No tool to follow in this selection.');
    return;
  }
  const trend = await get(`tools/${encodeURIComponent(state.tool)}/trend`, filters());
  const points = trend.points;
  state.toolNames.set(trend.tool, trend.name);
  const hidden = points.filter((p) => p.suppressed);
  const notes = hidden.map((p) => hiddenText(`Wave ${p.wave}`, p.respondents, trend.disclosure));
  $('tool-trend-title').textContent = `${trend.name}: trend across waves`;
  if (points.length === 0 || hidden.length === points.length) {
    clear('toolTrend');
    setCard('card-tool-trend', points.length === 0 ? 'empty' : 'suppressed',
      points.length === 0 ? 'No wave yet.' : notes.join(' '));
    return;
  }
  const series = (label, pick, color) => ({
    label,
    data: points.map((p) => (p.suppressed ? null : percent(pick(p).share))),
    stats: points.map((p) => (p.suppressed ? null : pick(p))),
    respondents: points.map((p) => p.respondents),
    borderColor: color,
    backgroundColor: color,
    pointRadius: 5,
  });
  show('toolTrend', points.map((p) => p.wave), [
    series(`${trend.name} users`, (p) => p.users, COLORS.users),
    series(`${trend.name} regular users`, (p) => p.regularUsers, COLORS.regular),
  ]);
  setCard('card-tool-trend', hidden.length > 0 ? 'partial' : 'ok', notes.join(' '));
}

// ---------------------------------------------------------------- rolling usage

async function loadRolling(current) {
  const get = reader(current);
  const rolling = await get('usage/rolling', { ...filters(), days: state.days });
  $('rolling-range').textContent = `${formatDay(rolling.from)} – ${formatDay(rolling.until)}`;
  $('rolling-respondents').textContent = formatCount(rolling.respondents);
  if (rolling.suppressed) {
    $('rolling-regular').textContent = 'hidden';
    clear('rolling');
    setCard('card-rolling', 'suppressed', hiddenText(`The last ${state.days} days`, rolling.respondents, rolling.disclosure));
    return;
  }
  $('rolling-regular').textContent = `${formatShare(rolling.regularUsers.share)} (${formatInterval(rolling.regularUsers)})`;
  const symbols = Object.keys(rolling.frequencies);
  show('rolling', symbols.map(humanize), [{
    label: `Last ${state.days} days (n = ${rolling.respondents})`,
    data: symbols.map((s) => percent(rolling.frequencies[s].share)),
    stats: symbols.map((s) => rolling.frequencies[s]),
    respondents: symbols.map(() => rolling.respondents),
    backgroundColor: COLORS.rolling,
  }]);
  setCard('card-rolling', 'ok');
}

// ---------------------------------------------------------------- refreshing

let liveRefreshTimer = null;
let liveRefreshQueued = false;

/** Reloads everything the page shows, for the current wave and filters. */
async function refresh() {
  const current = refreshes.next();
  const get = reader(current);
  status.refreshing = true;
  writeAddress();
  for (const card of document.querySelectorAll('.card')) {
    card.setAttribute('aria-busy', 'true');
  }
  const wave = state.wave;
  const f = filters();
  const usageOf = (w, practiceType = f.practiceType) => get(wavePath(w, 'usage'), { ...f, practiceType });
  const currentUsage = usageOf(wave);
  const toolTrendCurrent = toolTrends.next();

  const loaded = await Promise.all([
    guarded(['kpis', 'card-use-cases'], async () => showUsage(await currentUsage)),
    guarded(['card-trend'], async () => showRegularTrend(
      await Promise.all([...state.waves.keys()].map((w) => (w === wave ? currentUsage : usageOf(w)))))),
    guarded(['card-frequency'], async () => showFrequencies(await Promise.all(COMPARED_PRACTICE_TYPES.map(
      async (type) => ({ type, usage: await usageOf(wave, type) }))))),
    guarded(['card-barriers'], async () => showBarriers(await get(wavePath(wave, 'barriers'), f))),
    guarded(['card-drivers'], async () => showDrivers(await get(wavePath(wave, 'drivers'), f))),
    guarded(['card-tools'], async () => showTools(await get(wavePath(wave, 'tools'), { ...f, top: TOP_TOOLS })))
      .then(() => guarded(['card-tool-trend'], () => loadToolTrend(() => current() && toolTrendCurrent()))),
    guarded(['card-rolling'], () => loadRolling(rollings.next())),
  ]);
  if (!current()) {
    return;
  }
  status.refreshing = false;
  status.refreshes++;
  if (loaded.some(Boolean)) {
    markUpdated();
  }
  if (liveRefreshQueued) {
    liveRefreshQueued = false;
    scheduleLiveRefresh();
  }
}

/**
 * Live events come in bursts (and steadily during a trickle): one refresh follows shortly after the
 * first, and events arriving while a refresh runs queue exactly one more. A reader's own change
 * replaces a running refresh at once instead.
 */
function scheduleLiveRefresh() {
  if (liveRefreshTimer !== null) {
    return;
  }
  liveRefreshTimer = setTimeout(() => {
    liveRefreshTimer = null;
    if (status.refreshing) {
      liveRefreshQueued = true;
    } else {
      refresh();
    }
  }, LIVE_REFRESH_DELAY_MS);
}

function markUpdated() {
  const now = new Date();
  status.lastUpdate = now.toISOString();
  const time = $('last-update');
  time.dateTime = now.toISOString();
  time.textContent = formatClock(now);
}

// ---------------------------------------------------------------- waves

async function loadWaves() {
  const body = await api.get('waves');
  state.waves = new Map(body.waves.map((w) => [w.wave, w]));
  const select = $('wave');
  if (state.waves.size === 0) {
    select.replaceChildren(new Option('No waves yet', ''));
    select.disabled = true;
    state.wave = null;
    return;
  }
  if (!state.waves.has(state.wave)) {
    state.wave = [...state.waves.keys()].at(-1); // the latest wave
  }
  select.replaceChildren(...[...state.waves.values()].map((w) => new Option(waveLabel(w), w.wave)));
  select.value = state.wave;
  select.disabled = false;
}

function waveLabel(summary) {
  return `${summary.wave} · ${formatCount(summary.respondents)} respondents`;
}

function showNoWaves() {
  $('kpis').dataset.state = 'empty';
  for (const id of ['card-frequency', 'card-trend', 'card-barriers', 'card-tools', 'card-tool-trend',
    'card-rolling', 'card-use-cases', 'card-drivers']) {
    setCard(id, 'empty', 'No survey response has been processed yet; this page fills in as soon as one is.');
  }
  markUpdated();
}

let starting = null;
let restartWanted = false;

/**
 * Loads the wave list then everything; on failure shows why, with a way to try again. One start
 * runs at a time: asked again meanwhile (a new wave announced while the list loads), it runs once more.
 */
function start() {
  if (starting) {
    restartWanted = true;
    return starting;
  }
  starting = (async () => {
    hideError();
    try {
      await loadWaves();
    } catch (e) {
      console.warn('MedPulse:', e);
      showError(`Could not load the survey waves: ${e.message}`);
      return;
    }
    if (state.wave === null) {
      showNoWaves();
    } else {
      await refresh();
    }
  })().finally(() => {
    starting = null;
    if (restartWanted) {
      restartWanted = false;
      start();
    }
  });
  return starting;
}

// ---------------------------------------------------------------- live

const seenTotals = new Map();
let everOpened = false;

function onTotals(totals) {
  status.liveEvents++;
  const key = JSON.stringify(totals);
  if (seenTotals.get(totals.wave) === key) {
    return; // the stream repeats known totals to each new connection
  }
  seenTotals.set(totals.wave, key);
  status.lastEventAt = new Date().toISOString();
  const summary = state.waves.get(totals.wave);
  if (!summary) {
    start(); // a new wave: the list, then everything
    return;
  }
  summary.respondents = totals.respondents;
  const option = [...$('wave').options].find((o) => o.value === totals.wave);
  if (option) {
    option.textContent = waveLabel(summary);
  }
  scheduleLiveRefresh();
}

function onLiveStatus(liveState, retryInMs) {
  if (status.live === 'open' && liveState !== 'open') {
    status.liveDrops++;
  }
  status.live = liveState;
  const element = document.querySelector('[data-testid="live-status"]');
  element.dataset.state = liveState;
  element.textContent = {
    connecting: 'Connecting…',
    open: 'Live',
    reconnecting: 'Reconnecting…',
    closed: `Offline, retrying in ${Math.round((retryInMs ?? 0) / 1000)} s`,
  }[liveState];
}

function onLiveOpen() {
  // Events sent while we were away are lost: catch up once back.
  if (everOpened && state.wave !== null) {
    scheduleLiveRefresh();
  }
  everOpened = true;
}

// ---------------------------------------------------------------- how the figures are published

/**
 * Names the method the answers' figures come from and, for perturbed figures, what that means for
 * a reader. Every answer names its method; they all agree for one audience, so the latest says it.
 */
function showDisclosure(disclosure) {
  const badge = $('disclosure-method');
  badge.dataset.method = disclosure.method;
  badge.textContent = methodBadge(disclosure);
  const note = $('disclosure-note');
  note.textContent = readerNote(disclosure);
  note.hidden = note.textContent === '';
  $('disclosure').hidden = false;
}

// ---------------------------------------------------------------- notices

function showWarming(waiting, seconds) {
  const notice = $('warming');
  if (waiting > 0) {
    status.warmingNotices++;
    notice.textContent = `Warming up: the MedPulse service is starting, restoring or rebalancing. `
      + `Retrying in ${seconds} s…`;
    notice.hidden = false;
  } else {
    notice.hidden = true;
  }
}

function showError(message) {
  $('error-text').textContent = message;
  $('error').hidden = false;
}

function hideError() {
  $('error').hidden = true;
}

// ---------------------------------------------------------------- controls and address

function writeAddress() {
  const params = new URLSearchParams();
  const put = (name, value) => {
    if (value) {
      params.set(name, value);
    }
  };
  put('wave', state.wave);
  put('partner', state.partner.trim());
  put('practiceType', state.practiceType);
  put('setting', state.setting);
  put('days', state.days === ROLLING_DAYS[0] ? '' : String(state.days));
  put('tool', state.tool);
  put('token', address.get('token'));
  const query = params.toString();
  window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

function bindControls() {
  $('partner').value = state.partner;
  $('practice-type').value = state.practiceType;
  $('setting').value = state.setting;
  $(`days-${state.days}`).checked = true;

  const applyFilter = (key, value) => {
    if (state[key] !== value) {
      state[key] = value;
      if (state.wave !== null) {
        refresh();
      }
    }
  };
  $('wave').addEventListener('change', (e) => applyFilter('wave', e.target.value));
  $('practice-type').addEventListener('change', (e) => applyFilter('practiceType', e.target.value));
  $('setting').addEventListener('change', (e) => applyFilter('setting', e.target.value));

  let typing = null;
  const partner = $('partner');
  const applyPartner = () => {
    clearTimeout(typing);
    applyFilter('partner', partner.value.trim());
  };
  partner.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(applyPartner, PARTNER_TYPING_DELAY_MS);
  });
  partner.addEventListener('change', applyPartner);
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    applyPartner();
  });

  for (const radio of document.querySelectorAll('input[name="days"]')) {
    radio.addEventListener('change', () => {
      state.days = Number(radio.value);
      writeAddress();
      guarded(['card-rolling'], () => loadRolling(rollings.next())).then((fresh) => fresh && markUpdated());
    });
  }
  $('tool').addEventListener('change', (e) => chooseTool(e.target.value));
  $('error-retry').addEventListener('click', start);
}

function chooseTool(tool) {
  if (!tool || tool === state.tool || tool === OTHER_TOOLS) {
    return;
  }
  state.tool = tool;
  $('tool').value = tool;
  writeAddress();
  guarded(['card-tool-trend'], () => loadToolTrend(toolTrends.next())).then((fresh) => fresh && markUpdated());
}

// ---------------------------------------------------------------- start

createCharts({ onToolClick: (index) => chooseTool(state.toolIds[index]) });
bindControls();

window.medpulse = {
  charts,
  chartData: snapshot,
  status: () => ({ ...status, refreshPending: liveRefreshTimer !== null || liveRefreshQueued }),
  state,
  refresh,
};

new LiveFeed(api.streamUrl(), { onTotals, onStatus: onLiveStatus, onOpen: onLiveOpen }).start();
start();
