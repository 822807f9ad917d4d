// Turning the API's symbols and statistics into what a reader sees.

/** The symbol orders of the Avro contract (schemas/src/main/avro/survey-response.avsc). */
export const USAGE_FREQUENCIES = [
  'NEVER', 'LESS_THAN_MONTHLY', 'MONTHLY', 'WEEKLY', 'SEVERAL_TIMES_A_WEEK', 'DAILY', 'SEVERAL_TIMES_A_DAY',
];

const LABELS = {
  GENERAL_PRACTITIONER: 'General practitioners',
  SPECIALIST: 'Specialists',
  DEHUMANIZATION_OF_CARE: 'Dehumanisation of care',
  ADMINISTRATIVE_DOCUMENTATION: 'Administrative documentation',
  // The market drivers, in the words of the study (in French: manque de temps médical disponible,
  // absence de droit à l'erreur, tâches répétitives et chronophages, volume important de
  // connaissances, médecine personnalisée et prédictive, transformation des cursus universitaires,
  // évolution des politiques réglementaires, demande croissante des patients).
  LACK_OF_MEDICAL_TIME: 'Lack of available medical time',
  NO_RIGHT_TO_ERROR: 'No right to error',
  REPETITIVE_TASKS: 'Repetitive, time-consuming tasks',
  KNOWLEDGE_VOLUME: 'Large volume of knowledge',
  PERSONALISED_MEDICINE: 'Personalised and predictive medicine',
  CURRICULUM_CHANGE: 'Changing university curricula',
  REGULATORY_CHANGE: 'Changing regulatory policies',
  PATIENT_DEMAND: 'Growing patient demand',
};

/** `SEVERAL_TIMES_A_WEEK` → `Several times a week`; unknown symbols still read well. */
export function humanize(symbol) {
  if (LABELS[symbol]) {
    return LABELS[symbol];
  }
  const words = String(symbol).toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A share (0..1, four decimals from the API) as a chart value in percent, two decimals. */
export function percent(share) {
  return Math.round(share * 10000) / 100;
}

/** A share as text: `0.4` → `40.0%`. */
export function formatShare(share) {
  return `${(share * 100).toFixed(1)}%`;
}

/** A statistic's 95% interval as text: `95% CI 27.6–53.8%`. */
export function formatInterval(statistic) {
  const [low, high] = statistic.ci95;
  return `95% CI ${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}%`;
}

/** Tooltip text of a statistic: `40.0% (20 of 50) · 95% CI 27.6–53.8%`. */
export function describeStatistic(statistic, respondents) {
  return `${formatShare(statistic.share)} (${statistic.count} of ${respondents}) · ${formatInterval(statistic)}`;
}

export function formatCount(n) {
  return new Intl.NumberFormat('en').format(n);
}

export function formatClock(date) {
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatDay(isoDay) {
  const date = new Date(`${isoDay}T00:00:00Z`);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
