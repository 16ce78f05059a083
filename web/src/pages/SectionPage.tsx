import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Section, SectionText } from '../../../src/contracts/organisation.js';
import { api } from '../api.js';
import { EditableText } from '../components/EditableText.js';
import { FactsheetActions } from '../components/FactsheetActions.js';
import { Page } from '../components/Page.js';
import { SectionContent } from '../components/SectionContent.js';
import { SectionMeta } from '../components/SectionMeta.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { both, useLoad } from '../load.js';
import { Link, useHashTarget } from '../router.js';
import { canEditSection } from '../sections.js';
import { loadUnits } from '../units.js';

/** The loaded section with the texts saved since, whichever version of each is newer. */
function withSaved(section: Section, saved: ReadonlyMap<string, SectionText>): Section {
  return {
    ...section,
    texts: section.texts.map((text) => {
      const mine = saved.get(text.id);
      return mine && mine.version > text.version ? mine : text;
    }),
  };
}

/** A section for signed-in staff: the fact sheet's content, each text with its history and, for the unit's writers, an edit form. */
export function SectionPage({ me, unit }: { me: Me; unit: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const section = useLoad(() => api.section(unit), locale);
  const units = useLoad(loadUnits);
  const [saved, setSaved] = useState<ReadonlyMap<string, SectionText>>(new Map());
  const content = both(section, units);
  const canEdit = canEditSection(me, unit);
  useHashTarget(content.status === 'done');
  const title = section.status === 'done' ? section.data.title : t('factsheet.title');

  const onSaved = (text: SectionText) => setSaved((previous) => new Map(previous).set(text.id, text));

  return (
    <Page title={title} titleLang={section.status === 'done' ? 'fr' : undefined}>
      <p className="back-link">
        <Link to="/fiche">{t('factsheet.whole')}</Link>
      </p>
      <Show loaded={content}>
        {([data, unitList]) => (
          <>
            <SectionMeta section={data} units={unitList} />
            <FactsheetActions unit={data.unit} />
            <p className={canEdit ? 'alert alert-info' : 'hint'}>{canEdit ? t('section.canEdit') : t('section.readOnly')}</p>
            <SectionContent
              section={withSaved(data, saved)}
              level={2}
              renderText={(text) => (
                <EditableText unit={data.unit} text={text} canEdit={canEdit} onSaved={onSaved} onReload={section.reload} />
              )}
            />
          </>
        )}
      </Show>
    </Page>
  );
}
