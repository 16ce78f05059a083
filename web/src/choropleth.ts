/**
 * The sequential scale of the incident map: cercles coloured by their number of incidents, in at
 * most five classes of equal width. A cercle with none stays neutral. The colours are CSS classes
 * (`choropleth-1` … `choropleth-5`, in styles.css), shared by the map and its legend.
 */

export const TONES = 5;

export interface ChoroplethClass {
  /** Counts from … to, both included. */
  from: number;
  to: number;
  /** 1 (lightest) to TONES (darkest): the CSS class `choropleth-<tone>`. */
  tone: number;
}

/** A class width that reads well in a legend: 1 to 10 as is, then 20, 30 … 100, 200 … */
function roundedStep(raw: number): number {
  const step = Math.max(1, Math.ceil(raw));
  if (step <= 10) return step;
  const power = 10 ** Math.floor(Math.log10(step));
  return Math.ceil(step / power) * power;
}

/** The classes for counts up to `max`; none when nothing is counted. The largest class is always the darkest. */
export function choroplethClasses(max: number): ChoroplethClass[] {
  if (max <= 0) return [];
  const step = roundedStep(max / TONES);
  const count = Math.ceil(max / step);
  return Array.from({ length: count }, (_, i) => ({
    from: i * step + 1,
    to: (i + 1) * step,
    tone: Math.round(((i + 1) * TONES) / count),
  }));
}

/** The tone of a count (0: no incident, neutral). */
export function toneOf(count: number, classes: readonly ChoroplethClass[]): number {
  if (count <= 0) return 0;
  return (classes.find((c) => count <= c.to) ?? classes.at(-1))?.tone ?? 0;
}
