import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figure, Section } from '../../../src/contracts/organisation.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';

/** The series the server's chart draws, with the figures they come from. */
const SERIES = [
  { label: 'factsheet.chart.force', authorised: 'force.strength.authorised', deployed: 'force.strength.deployed' },
  { label: 'factsheet.chart.police', authorised: 'unpol.strength.authorised', deployed: 'unpol.strength.deployed' },
] as const;

/**
 * The fact sheet's chart, authorised against deployed strength, drawn by the server (the same
 * drawing goes into the PDF). Its text alternative gives the same figures.
 */
export function StrengthChart({ sections }: { sections: readonly Section[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const captionId = useId();
  const figures = new Map<string, Figure>(sections.flatMap((s) => s.figures).map((f) => [f.key, f]));
  const parts = SERIES.flatMap((series) => {
    const authorised = figures.get(series.authorised);
    const deployed = figures.get(series.deployed);
    if (!authorised || !deployed) return [];
    return [
      t('factsheet.chart.part', {
        name: t(series.label),
        deployed: formatCount(deployed.value, locale),
        authorised: formatCount(authorised.value, locale),
      }),
    ];
  });
  if (parts.length === 0) return null;
  return (
    <figure className="factsheet-chart" aria-labelledby={captionId}>
      <img src={`/api/factsheet/strength.svg?lang=${locale}`} alt={parts.join(' ; ')} width={520} height={260} />
      <figcaption id={captionId}>{t('factsheet.chart.caption')}</figcaption>
    </figure>
  );
}
