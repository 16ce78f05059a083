import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { Movement } from '../../../src/contracts/movements.js';
import { toProblem } from '../api/client.js';
import { movementApi } from '../api/movements.js';
import { formatDate, TextField } from './fields.js';
import { ProblemAlert } from './ProblemAlert.js';

/** What the movement list and a movement's page share: names of terms, instants, places, the decision. */

export const nameOf = (terms: readonly { code: string; name: string }[], code: string) => terms.find((t) => t.code === code)?.name ?? code;
export const at = (instant: string) => `${formatDate(instant.slice(0, 10))} ${instant.slice(11, 16)}`;
export const whereText = (w: { place: string | null; point: [number, number] | null } | null) =>
  w === null ? '—' : (w.place ?? (w.point ? `${w.point[0]}, ${w.point[1]}` : '—'));

/** Approve or refuse a notified movement or declaration, with a comment (the Force's ceasefire staff). */
export function Decide({ movement }: { movement: Movement }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'refuse') => {
    setBusy(true);
    try {
      await movementApi.decide(movement.id, movement.version, decision, comment);
      setProblem(null);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="movement-decide">
      <ProblemAlert problem={problem} />
      <TextField label={t('movements.decisionComment')} value={comment} onChange={setComment} optional />
      <div className="button-row">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void decide('approve')}>
          {t('movements.approve')}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void decide('refuse')}>
          {t('movements.refuse')}
        </button>
      </div>
    </div>
  );
}
