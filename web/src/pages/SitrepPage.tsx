import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { useLoaded } from '../api/queries.js';
import { type SitrepDetail, sitrepPath, situationApi, situationQueries } from '../api/situation.js';
import { Card } from '../components/Card.js';
import { TextAreaField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

type Section = SitrepDetail['sections'][number];

/** One section's text, saved against the report's version (a stale one is refused, never overwritten). */
function SectionEditor({ report, section }: { report: SitrepDetail; section: Section }) {
  const { t } = useTranslation();
  const [text, setText] = useState(section.text);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(false);
    try {
      await situationApi.editSection(report.id, section.key, report.version, text);
      setProblem(null);
      setSaved(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form sitrep-section" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={{ text: section.heading }} />
      {saved && <Notice>{t('situation.sectionSaved')}</Notice>}
      <TextAreaField
        label={section.heading}
        rows={Math.min(16, Math.max(4, text.split('\n').length + 1))}
        value={text}
        onChange={setText}
      />
      <button type="submit" className="button-secondary" disabled={busy}>
        {t('situation.saveSection')}
      </button>
    </form>
  );
}

function ReleaseButton({ report }: { report: SitrepDetail }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <ProblemAlert problem={problem} />
      <p className="hint">{t('situation.releaseHint')}</p>
      <button
        type="button"
        className="button-primary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await situationApi.release(report.id, report.version);
          } catch (error) {
            setProblem(toProblem(error));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('situation.release')}
      </button>
    </div>
  );
}

/** A situation report: its class, state, sections (edited by the JOC while a draft), release, PDF and DOCX. */
export function SitrepPage({ sitrepId }: { sitrepId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const report = useLoaded(situationQueries.sitrep(sitrepId, locale));
  return (
    <Page title={report.status === 'done' ? report.data.title : t('situation.sitreps')}>
      <p className="button-row">
        <Link to="/situation/sitreps">{t('situation.toSitreps')}</Link>
        <Link to="/situation/map">{t('situation.toMap')}</Link>
      </p>
      <Show loaded={report}>
        {(r) => (
          <>
            <Card title={t('situation.sitreps')} wide>
              <dl className="facts">
                <dt>{t('situation.classification')}</dt>
                <dd>
                  <strong>{t(`situation.classes.${r.classification}`)}</strong>
                </dd>
                <dt>{t('situation.status')}</dt>
                <dd>{t(`situation.statuses.${r.status}`)}</dd>
                <dt>{t('situation.sector')}</dt>
                <dd>{r.sectorName}</dd>
                <dt>{t('situation.author')}</dt>
                <dd>{r.createdBy}</dd>
                {r.releasedBy && (
                  <>
                    <dt>{t('situation.releasedBy')}</dt>
                    <dd>
                      {r.releasedBy} — {r.releasedAt?.slice(0, 16).replace('T', ' ')} UTC
                    </dd>
                  </>
                )}
              </dl>
              <p className="hint">{t('situation.records', { count: r.records.length })}</p>
              {r.status === 'released' && <Notice>{t('situation.released')}</Notice>}
              <p className="button-row">
                <a className="button-secondary" href={`${sitrepPath(r.id)}/pdf`} download>
                  {t('situation.pdf')}
                </a>
                <a className="button-secondary" href={`${sitrepPath(r.id)}/docx`} download>
                  {t('situation.docx')}
                </a>
              </p>
            </Card>
            <Card title={t('situation.sections')} wide>
              {r.sections.map((section) =>
                r.may.edit ? (
                  <SectionEditor key={section.key} report={r} section={section} />
                ) : (
                  <section key={section.key} className="sitrep-section">
                    <h3>{section.heading}</h3>
                    <pre className="prose">{section.text}</pre>
                  </section>
                ),
              )}
              {r.may.release && <ReleaseButton report={r} />}
            </Card>
          </>
        )}
      </Show>
    </Page>
  );
}
