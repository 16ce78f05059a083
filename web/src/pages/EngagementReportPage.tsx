import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { type EngagementReportDetail, engagementApi, engagementQueries } from '../api/engagements.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

/** The draft's text, edited and saved against its version. */
function DraftEditor({ report }: { report: EngagementReportDetail }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(report.title);
  const [body, setBody] = useState(report.body);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(false);
    try {
      await engagementApi.updateReport(report.id, { title, body, version: report.version });
      setProblem(null);
      setSaved(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const labels = { title: t('engagements.reportTitle'), body: t('engagements.reportBody') };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      {saved && <Notice>{t('engagements.draftSaved')}</Notice>}
      <TextField label={labels.title} required value={title} onChange={setTitle} error={fieldError(problem, 'title')} />
      <TextAreaField
        label={labels.body}
        hint={t('engagements.reportBodyHint')}
        required
        rows={24}
        value={body}
        onChange={setBody}
        error={fieldError(problem, 'body')}
      />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('engagements.saveDraft')}
      </button>
    </form>
  );
}

/** A periodic report's draft: its class, the records it was assembled from, its text, and its PDF. */
export function EngagementReportPage({ reader, reportId }: { reader: string; reportId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const report = useLoaded(engagementQueries.report(reader, reportId));
  return (
    <Page title={report.status === 'done' ? report.data.title : t('engagements.reportsTitle')}>
      <p>
        <Link to="/engagements">{t('engagements.backToReports')}</Link>
      </p>
      <Show loaded={report}>
        {(r) => (
          <Card title={t('engagements.reportBody')} wide>
            <dl className="facts">
              <dt>{t('engagements.classification')}</dt>
              <dd>
                <strong>{t(`engagements.classes.${r.classification}`)}</strong>
              </dd>
              <dt>{t('engagements.author')}</dt>
              <dd>{r.authorLabel}</dd>
              <dt>{t('engagements.updatedAt')}</dt>
              <dd>{new Date(r.updatedAt).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC' })} UTC</dd>
            </dl>
            <p className="hint">{t('engagements.sources', { count: r.sources.length })}</p>
            <p>
              <a className="button-secondary" href={`/api/engagements/reports/${r.id}/pdf`} download>
                {t('engagements.pdf')}
              </a>
            </p>
            {r.may.edit ? <DraftEditor report={r} /> : <pre className="prose">{r.body}</pre>}
          </Card>
        )}
      </Show>
    </Page>
  );
}
