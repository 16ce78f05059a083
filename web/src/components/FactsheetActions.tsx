import { useTranslation } from 'react-i18next';
import { factsheetPdfUrl } from '../api/organisation.js';
import { useLocale } from '../i18n.js';

/** "Download the PDF" (in the interface language) and "Print"; neither is printed itself. */
export function FactsheetActions({ unit }: { unit?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="button-row factsheet-actions">
      <a className="button-secondary" href={factsheetPdfUrl(locale, unit)} download>
        {unit ? t('factsheet.downloadSectionPdf') : t('factsheet.downloadPdf')}
      </a>
      <button type="button" className="button-secondary" onClick={() => window.print()}>
        {t('factsheet.print')}
      </button>
    </div>
  );
}
