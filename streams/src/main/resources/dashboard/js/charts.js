// The dashboard's Chart.js charts (window.Chart, from the WebJar). Values are percentages of
// respondents; each dataset may carry `stats` (the API's statistics, for tooltips) beside its data.
// A hidden (suppressed) value is null, drawn as nothing: never as a zero bar.

import { describeStatistic } from './format.js';

const { Chart } = window;

Chart.defaults.animation = false; // live updates replace data several times a minute
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.color = '#3c4856';
Chart.defaults.plugins.legend.labels.boxWidth = 14;

export const COLORS = {
  gp: '#0b6e99',
  specialist: '#d9822b',
  users: '#0b6e99',
  regular: '#1a7f4b',
  interval: 'rgba(11, 110, 153, 0.28)',
  barrier: '#b4495d',
  driver: '#2a7f78',
  now: '#0b6e99',
  expected: '#8fb8cc',
  rolling: '#5a4fcf',
};

const percentAxis = (max) => ({
  beginAtZero: true,
  max,
  ticks: { callback: (value) => `${value}%` },
  grid: { color: '#e8ecf1' },
});

/**
 * Long category names break into lines rather than being cut at the chart's edge (phones) or
 * turned sideways.
 */
function wrapped(label, width) {
  const lines = [];
  for (const word of String(label).split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) {
      lines[last] += ` ${word}`;
    } else {
      lines.push(word);
    }
  }
  return lines.length === 1 ? lines[0] : lines;
}

const categoryAxis = (width) => ({
  grid: { display: false },
  ticks: {
    autoSkip: false,
    callback(value) {
      return wrapped(this.getLabelForValue(value), width);
    },
  },
});

function tooltipLabel(context) {
  const { dataset, dataIndex, raw } = context;
  if (raw === null || raw === undefined) {
    return `${dataset.label}: hidden for privacy`;
  }
  if (Array.isArray(raw)) {
    return `${dataset.label}: ${raw[0].toFixed(1)}–${raw[1].toFixed(1)}%`;
  }
  const statistic = dataset.stats && dataset.stats[dataIndex];
  const respondents = dataset.respondents && dataset.respondents[dataIndex];
  return statistic ? `${dataset.label}: ${describeStatistic(statistic, respondents)}` : `${dataset.label}: ${raw}%`;
}

const basePlugins = {
  legend: { position: 'bottom' },
  tooltip: { callbacks: { label: tooltipLabel } },
};

function verticalBars(extra = {}) {
  return {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      scales: { x: categoryAxis(12), y: percentAxis(extra.max) },
      plugins: basePlugins,
      ...extra.options,
    },
  };
}

function horizontalBars(extra = {}) {
  return {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      indexAxis: 'y',
      scales: { x: percentAxis(), y: categoryAxis(extra.labelWidth ?? 18) },
      plugins: basePlugins,
      ...extra.options,
    },
  };
}

function waveLines() {
  return {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: {
      scales: { x: { grid: { display: false }, offset: true }, y: percentAxis(100) },
      plugins: basePlugins,
      spanGaps: false,
    },
  };
}

/** The regular-user trend: a floating bar per wave for the 95% interval, a line for the share. */
function intervalTrend() {
  return {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      scales: { x: { grid: { display: false } }, y: percentAxis(100) },
      plugins: basePlugins,
    },
  };
}

const DEFINITIONS = {
  frequency: { canvas: 'chart-frequency', title: 'Usage frequency by practice type', make: () => verticalBars() },
  trend: { canvas: 'chart-trend', title: 'Regular-user share per wave', make: intervalTrend },
  barriers: { canvas: 'chart-barriers', title: 'Barriers ranked', make: () => horizontalBars() },
  // The drivers' names are long: wider lines keep each to two.
  drivers: { canvas: 'chart-drivers', title: 'Market drivers ranked', make: () => horizontalBars({ labelWidth: 24 }) },
  tools: { canvas: 'chart-tools', title: 'Tool adoption ranked', make: () => horizontalBars() },
  toolTrend: { canvas: 'chart-tool-trend', title: 'Tool trend per wave', make: waveLines },
  rolling: { canvas: 'chart-rolling', title: 'Rolling usage frequency', make: () => verticalBars() },
  useCases: { canvas: 'chart-use-cases', title: 'Use cases now and expected', make: () => horizontalBars() },
};

/** Every chart by name, exposed to tests as window.medpulse.charts. */
export const charts = {};

export function createCharts({ onToolClick }) {
  for (const [name, definition] of Object.entries(DEFINITIONS)) {
    const config = definition.make();
    if (name === 'tools') {
      config.options.onClick = (event, elements) => {
        if (elements.length > 0) {
          onToolClick(elements[0].index);
        }
      };
      config.options.onHover = (event, elements) => {
        event.native.target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
      };
    }
    charts[name] = new Chart(document.getElementById(definition.canvas), config);
  }
}

/** Replaces a chart's data, and its canvas's text alternative with it. */
export function show(name, labels, datasets) {
  const chart = charts[name];
  chart.data.labels = labels;
  chart.data.datasets = datasets;
  chart.update();
  chart.canvas.setAttribute('aria-label', describe(DEFINITIONS[name].title, labels, datasets));
}

export function clear(name) {
  show(name, [], []);
}

/** A plain copy of a chart's labels and data, for tests and debugging. */
export function snapshot(name) {
  const chart = charts[name];
  if (!chart) {
    return null;
  }
  return {
    labels: [...chart.data.labels],
    datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data.map((v) => (Array.isArray(v) ? [...v] : v)) })),
  };
}

function describe(title, labels, datasets) {
  if (labels.length === 0) {
    return `${title}: no data shown.`;
  }
  const parts = datasets.map((dataset) => {
    const values = labels.map((label, i) => {
      const value = dataset.data[i];
      if (value === null || value === undefined) {
        return `${label} hidden`;
      }
      return Array.isArray(value) ? `${label} ${value[0]}–${value[1]}%` : `${label} ${value}%`;
    });
    return `${dataset.label}: ${values.join(', ')}`;
  });
  return `${title}. ${parts.join('; ')}.`;
}
