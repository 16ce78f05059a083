import { useTranslation } from 'react-i18next';
import type { Section } from '../../../src/contracts/organisation.js';
import type { Unit } from '../../../src/contracts/units.js';
import { useLocale } from '../i18n.js';
import { unitLabel } from '../units.js';

/** Under a section's title: the unit it belongs to (in the interface language), its page and places. */
export function SectionMeta({ section, units }: { section: Section; units: readonly Unit[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ul className="section-meta">
      <li>{unitLabel(section.unit, units, locale)}</li>
      {section.page !== null && <li>{t('factsheet.page', { page: section.page })}</li>}
      {section.places.length > 0 && (
        <li>
          {t('factsheet.places')} <span lang="fr">{section.places.join(', ')}</span>
        </li>
      )}
    </ul>
  );
}
