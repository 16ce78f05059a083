import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { type DdrDuplicate, type DdrVocabulary, ddrApi, ddrQueries, useDdrVocabulary } from '../api/ddr.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ProtectionShow } from '../components/ProtectionFields.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { ddrLabel } from '../ddr.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

const personLink = (code: string) => (
  <Link to={`/ddr/registre/${encodeURIComponent(code)}`} className="incident-ref">
    {code}
  </Link>
);

function DuplicateTable({ items, vocabulary }: { items: readonly DdrDuplicate[]; vocabulary: DdrVocabulary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const decide = async (id: string, decision: 'same' | 'different') => {
    setProblem(null);
    setDone(false);
    try {
      await ddrApi.decide(id, decision);
      setDone(true);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      {done && (
        <p role="status" className="alert alert-success">
          {t('ddr.duplicates.decided')}
        </p>
      )}
      {items.length === 0 ? (
        <p>{t('ddr.duplicates.empty')}</p>
      ) : (
        <ScrollingTable caption={t('ddr.duplicates.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('ddr.duplicates.later')}</th>
              <th scope="col">{t('ddr.duplicates.earlier')}</th>
              <th scope="col">{t('ddr.duplicates.reasons')}</th>
              <th scope="col">{t('ddr.duplicates.foundAt')}</th>
              <th scope="col">{t('protection.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  {personLink(d.code)} <span className="hint">{ddrLabel(vocabulary.movements, d.movement)}</span>
                </td>
                <td>
                  {personLink(d.otherCode)} <span className="hint">{ddrLabel(vocabulary.movements, d.otherMovement)}</span>
                </td>
                <td>{d.reasons.map((r) => t(`ddr.person.reasons.${r as 'name_dob' | 'phonetic' | 'document'}`)).join(' ; ')}</td>
                <td>{formatDay(d.foundAt.slice(0, 10), locale)}</td>
                <td>
                  {d.may.decide ? (
                    <div className="button-row">
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-label={`${t('ddr.duplicates.same')} : ${d.code} = ${d.otherCode}`}
                        onClick={() => void decide(d.id, 'same')}
                      >
                        {t('ddr.duplicates.same')}
                      </button>
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-label={`${t('ddr.duplicates.different')} : ${d.code} ≠ ${d.otherCode}`}
                        onClick={() => void decide(d.id, 'different')}
                      >
                        {t('ddr.duplicates.different')}
                      </button>
                    </div>
                  ) : (
                    <span className="hint">{t('ddr.duplicates.managersOnly')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
    </>
  );
}

/** The review queue of possible duplicates: a manager decides "same person" or "different people". */
export function DdrDuplicatesPage() {
  const { t } = useTranslation();
  const vocabulary = useDdrVocabulary();
  const duplicates = useLoaded(ddrQueries.duplicates());
  return (
    <Page title={t('ddr.duplicates.title')}>
      <p>
        <Link to="/ddr/registre">{t('ddr.back')}</Link>
      </p>
      <p className="lead">{t('ddr.duplicates.intro')}</p>
      <Card title={t('ddr.duplicates.title')} wide>
        <ProtectionShow loaded={both(duplicates, vocabulary)}>
          {([list, vocab]) => <DuplicateTable items={list.items} vocabulary={vocab} />}
        </ProtectionShow>
      </Card>
    </Page>
  );
}
