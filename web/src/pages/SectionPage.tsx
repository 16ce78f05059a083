import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Contact, Section, SectionText } from '../../../src/contracts/organisation.js';
import { useSection, useUnits } from '../api/organisation.js';
import { both } from '../api/queries.js';
import { EditableContact } from '../components/EditableContact.js';
import { EditableFigure } from '../components/EditableFigure.js';
import { EditableText } from '../components/EditableText.js';
import { FactsheetActions } from '../components/FactsheetActions.js';
import { Page } from '../components/Page.js';
import { SectionContent } from '../components/SectionContent.js';
import { SectionMeta } from '../components/SectionMeta.js';
import { SectionProposals } from '../components/SectionProposals.js';
import { Show } from '../components/Show.js';
import { Link, useHashTarget } from '../router.js';

interface Saved {
  texts: ReadonlyMap<string, SectionText>;
  contacts: ReadonlyMap<string, Contact>;
}

/** The newer of the loaded item and the one saved since. */
function newer<T extends { id: string; version: number }>(item: T, saved: ReadonlyMap<string, T>): T {
  const mine = saved.get(item.id);
  return mine && mine.version > item.version ? mine : item;
}

/** The loaded section with the texts and contacts saved since, whichever version of each is newer. */
function withSaved(section: Section, saved: Saved): Section {
  return {
    ...section,
    texts: section.texts.map((text) => newer(text, saved.texts)),
    contacts: section.contacts.map((contact) => newer(contact, saved.contacts)),
  };
}

/**
 * A section for signed-in staff: the fact sheet's content, each text, contact and stored figure with
 * its history and, for the unit's writers, an edit form (a proposal, for public content); the
 * pending proposals, for those who may propose or publish them.
 */
export function SectionPage({ me, unit }: { me: Me; unit: string }) {
  const { t } = useTranslation();
  const section = useSection(unit);
  const units = useUnits();
  const [saved, setSaved] = useState<Saved>({ texts: new Map(), contacts: new Map() });
  const content = both(section, units);
  const canEdit = me.may.editSectionsOf.includes(unit);
  useHashTarget(content.status === 'done');
  const title = section.status === 'done' ? section.data.title : t('factsheet.title');

  const onTextSaved = (text: SectionText) => setSaved((previous) => ({ ...previous, texts: new Map(previous.texts).set(text.id, text) }));
  const onContactSaved = (contact: Contact) =>
    setSaved((previous) => ({ ...previous, contacts: new Map(previous.contacts).set(contact.id, contact) }));

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
            <SectionProposals section={data} onChanged={section.reload} />
            <SectionContent
              section={withSaved(data, saved)}
              level={2}
              renderText={(text) => (
                <EditableText unit={data.unit} text={text} canEdit={canEdit} onSaved={onTextSaved} onReload={section.reload} />
              )}
              renderContact={(contact) => (
                <EditableContact unit={data.unit} contact={contact} canEdit={canEdit} onSaved={onContactSaved} onReload={section.reload} />
              )}
              renderFigure={(figure) => (
                <EditableFigure figure={figure} canEdit={canEdit} onSaved={section.reload} onReload={section.reload} />
              )}
            />
          </>
        )}
      </Show>
    </Page>
  );
}
