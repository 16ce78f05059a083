import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Section } from '../../../src/contracts/organisation.js';
import type { Unit } from '../../../src/contracts/units.js';
import { organisationQueries, useSection, useUnits } from '../api/organisation.js';
import { both, useLoaded } from '../api/queries.js';
import { FactsheetActions } from '../components/FactsheetActions.js';
import { MissionHeader } from '../components/MissionHeader.js';
import { Page } from '../components/Page.js';
import { SectionContent } from '../components/SectionContent.js';
import { SectionMeta } from '../components/SectionMeta.js';
import { Show } from '../components/Show.js';
import { StrengthChart } from '../components/StrengthChart.js';
import { useLocale } from '../i18n.js';
import { Link, useHashTarget } from '../router.js';
import { sectionPath } from '../sections.js';

function anchor(unit: string): string {
  return `section-${unit}`;
}

function Contents({ sections }: { sections: readonly Section[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <nav className="factsheet-toc" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('factsheet.contents')}</h2>
      <ol>
        {sections.map((section) => (
          <li key={section.unit}>
            <a href={`#${anchor(section.unit)}`} lang="fr">
              {section.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function FactSheetSection({ me, section, units }: { me: Me | null; section: Section; units: readonly Unit[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <article className="factsheet-section" id={anchor(section.unit)} aria-labelledby={titleId}>
      <header className="section-header">
        <h2 id={titleId} lang="fr">
          {section.title}
        </h2>
        <SectionMeta section={section} units={units} />
        <p className="section-link">
          <Link to={sectionPath(me, section.unit)}>
            {t('factsheet.openSection')}
            <span className="visually-hidden" lang="fr">
              {' '}
              {section.title}
            </span>
          </Link>
        </p>
      </header>
      <SectionContent section={section} level={3} />
    </article>
  );
}

/** « Fiche d'information »: the whole mission, section after section, as the fact book has it. Public. */
export function FactSheetPage({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const mission = useLoaded(organisationQueries.mission());
  const units = useUnits();
  // Figure labels and warnings come worded in the interface language: fetched again when it changes.
  const sections = useLoaded(organisationQueries.allSections(locale));
  const content = both(sections, units);
  useHashTarget(content.status === 'done');

  return (
    <Page title={t('factsheet.title')}>
      {!me && (
        <aside className="sign-in-invite" aria-label={t('factsheet.staffLabel')}>
          <p>{t('factsheet.staff')}</p>
          <Link to="/login" className="button-primary">
            {t('factsheet.signIn')}
          </Link>
        </aside>
      )}
      <p className="lead">{t('factsheet.intro')}</p>
      <p className="hint">{t('factsheet.contentNote')}</p>
      <p>
        <Link to="/mission">{t('factsheet.mission')}</Link>
      </p>
      <nav aria-label={t('news.ficheLinks')} className="fiche-links">
        <ul>
          <li>
            <Link to="/actualites">{t('news.ficheNews')}</Link>
          </li>
          <li>
            <Link to="/radio">{t('news.ficheRadio')}</Link>
          </li>
        </ul>
      </nav>
      <FactsheetActions />
      <Show loaded={mission}>{(data) => <MissionHeader mission={data} />}</Show>
      <Show loaded={content}>
        {([list, unitList]) =>
          list.length === 0 ? (
            <p>{t('factsheet.sectionsEmpty')}</p>
          ) : (
            <>
              <StrengthChart sections={list} />
              <Contents sections={list} />
              {list.map((section) => (
                <FactSheetSection key={section.unit} me={me} section={section} units={unitList} />
              ))}
            </>
          )
        }
      </Show>
    </Page>
  );
}

/** One section of the fact sheet, public: /fiche/:unit. */
export function FactSheetSectionPage({ me, unit }: { me: Me | null; unit: string }) {
  const { t } = useTranslation();
  const section = useSection(unit);
  const units = useUnits();
  const content = both(section, units);
  useHashTarget(content.status === 'done');
  const title = section.status === 'done' ? section.data.title : t('factsheet.title');

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
            {me?.may.editSectionsOf.includes(data.unit) && (
              <p>
                <Link to={sectionPath(me, data.unit)}>{t('factsheet.editSection')}</Link>
              </p>
            )}
            <SectionContent section={data} level={2} />
          </>
        )}
      </Show>
    </Page>
  );
}
