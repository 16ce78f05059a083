import { useTranslation } from 'react-i18next';
import type { WordDiffPart } from '../api/organisation.js';

/**
 * A word-level difference as the server computed it: removed words in `<del>`, struck through,
 * added words in `<ins>`, underlined, each announced to screen readers ("removed: … end") so the
 * change never rests on colour alone.
 */
export function WordDiff({ parts, lang = 'fr' }: { parts: readonly WordDiffPart[]; lang?: string }) {
  const { t } = useTranslation();
  return (
    <span className="word-diff" lang={lang}>
      {parts.map((part, index) => {
        const key = `${index}-${part.op}`;
        if (part.op === 'same') return <span key={key}>{part.text}</span>;
        const Tag = part.op === 'removed' ? 'del' : 'ins';
        return (
          <Tag key={key} className={`word-diff-${part.op}`}>
            <span className="visually-hidden">{`[${t(`proposals.${part.op}`)} `}</span>
            {part.text}
            <span className="visually-hidden">{` ${t('proposals.endChange')}]`}</span>
          </Tag>
        );
      })}
    </span>
  );
}

/** What the marks mean, said once above a difference. */
export function WordDiffLegend() {
  const { t } = useTranslation();
  return (
    <p className="hint word-diff-legend">
      <del className="word-diff-removed">{t('proposals.removed').replace(/\s*:$/, '')}</del>{' '}
      <ins className="word-diff-added">{t('proposals.added').replace(/\s*:$/, '')}</ins> — {t('proposals.legend')}
    </p>
  );
}
