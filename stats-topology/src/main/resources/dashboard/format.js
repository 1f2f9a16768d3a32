// How numbers and times read on the dashboard. Fixed locales, so every browser shows the same text.

const counts = new Intl.NumberFormat('en-US');
const clockTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A count of viewers: 12,345 (a dash when unknown). */
export function count(n) {
  return Number.isFinite(n) ? counts.format(n) : '\u2013';
}

/** A whole percentage of the whole, or an empty string when there is no whole. */
export function share(part, whole) {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : '';
}

/** "3 vs baseline 12 (−75%)"; the percentage only when the baseline is known and not zero. */
export function versus(now, baseline) {
  const known = Number.isFinite(baseline) && baseline > 0;
  const text = `${count(now)} vs baseline ${count(known ? Math.round(baseline) : baseline)}`;
  if (!known) {
    return text;
  }
  const percent = Math.round((100 * (now - baseline)) / baseline);
  return `${text} (${percent < 0 ? `\u2212${-percent}` : `+${percent}`}%)`;
}

/** A wall-clock time of day in the viewer's time zone: 09:05:03. */
export function clock(epochMs) {
  return clockTime.format(new Date(epochMs));
}
