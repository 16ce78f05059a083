import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Copies `text` to the clipboard. Where the Clipboard API is refused (an old browser, a page not
 * served over HTTPS), the text in `select` is selected and copied the old way; failing that, it
 * stays selected for the person to copy. Either way a status message says what happened.
 */
export function CopyButton({
  text,
  label,
  copied,
  select,
}: {
  text: string;
  label: string;
  /** Said once the text is on the clipboard. */
  copied: string;
  /** The field or block showing the text, selected when the clipboard cannot be written. */
  select?: RefObject<HTMLInputElement | HTMLElement | null>;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'ok' | 'failed' | null>(null);

  const selectShown = (): boolean => {
    const target = select?.current;
    if (!target) return false;
    if (target instanceof HTMLInputElement) {
      target.focus();
      target.select();
    } else {
      const range = document.createRange();
      range.selectNodeContents(target);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    return true;
  };

  const copy = async () => {
    setOutcome(null);
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('ok');
      return;
    } catch {
      // Refused or missing: the older way below.
    }
    // execCommand is deprecated, but it is what a browser without the Clipboard API still offers.
    const done = selectShown() && document.execCommand('copy');
    setOutcome(done ? 'ok' : 'failed');
  };

  return (
    <>
      <button type="button" className="button-secondary" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="copy-status">
        {outcome === 'ok' ? copied : outcome === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </>
  );
}
