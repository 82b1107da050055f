// Checks of what people type in the explorer's forms, each answered in words that say what to change (pure).
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A problem with a partial date (1992, 1992-12 or 1992-12-04) in words, or null when it is one. */
export function partialDateProblem(value: string, label: string): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!match) return `${label} date “${value}” should look like 1992, 1992-12 or 1992-12-04.`;
  const [, y, m, d] = match;
  if (m !== undefined && (Number(m) < 1 || Number(m) > 12)) return `${y}-${m} is not a month: months run from 01 to 12 (${label.toLowerCase()} date).`;
  if (m !== undefined && d !== undefined) {
    const days = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > days) return `${value.trim()} is not a day: ${MONTH_NAMES[Number(m) - 1]} ${y} has ${days} days (${label.toLowerCase()} date).`;
  }
  return null;
}

/** A problem with a whole number the server bounds (max hops, alternatives), or null. */
export function boundedIntProblem(value: unknown, label: string, min: number, max: number | null): string | null {
  const n = Number(value);
  if (value === '' || value === null || !Number.isInteger(n)) return `${label} must be a whole number${max !== null ? ` from ${min} to ${max}` : ''}.`;
  if (n < min) return `${label} must be at least ${min}.`;
  if (max !== null && n > max) return `${label} can be at most ${max}: the server refuses more.`;
  return null;
}
