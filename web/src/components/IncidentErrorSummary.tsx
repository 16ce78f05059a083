import type { MouseEvent, ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** The id of the input the error is about; none when the error belongs to no field the form shows. */
  anchor: string | null;
  label: string | null;
  message: string;
}

interface IncidentErrorSummaryProps {
  /** What went wrong as a whole (the server's title), when there is more to say than "correct the fields". */
  detail?: string | null;
  items: readonly SummaryItem[];
  /** What the list of linked errors is introduced by; the incident form's words by default. */
  title?: string;
  ref?: Ref<HTMLDivElement>;
  /** A way forward shown under the errors, e.g. a button that reloads a record changed meanwhile. */
  children?: ReactNode;
}

/**
 * The errors of a form at its top, each linking to its field (the GOV.UK pattern): the summary
 * takes the focus after a failed submit, and following a link puts the focus in the field.
 */
export function IncidentErrorSummary({ detail, items, title, ref, children }: IncidentErrorSummaryProps) {
  const { t } = useTranslation();
  const linked = items.filter((item) => item.anchor !== null);
  const others = items.filter((item) => item.anchor === null);

  const follow = (event: MouseEvent<HTMLAnchorElement>, anchor: string) => {
    const target = document.getElementById(anchor);
    if (!target) return;
    // Not a navigation: the page stays, the field gets the focus and comes into view.
    event.preventDefault();
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  };

  return (
    <div ref={ref} className="alert alert-error incident-error-summary" role="alert" tabIndex={-1}>
      {detail && <p>{detail}</p>}
      {linked.length > 0 && (
        <>
          <p className="incident-error-summary-title">{title ?? t('incidents.form.errorsTitle')}</p>
          <ul>
            {linked.map((item) => (
              <li key={`${item.anchor}:${item.message}`}>
                <a href={`#${item.anchor}`} onClick={(event) => item.anchor && follow(event, item.anchor)}>
                  {item.label ? t('incidents.form.errorItem', { label: item.label, message: item.message }) : item.message}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {others.length > 0 && (
        <>
          {linked.length > 0 && <p>{t('incidents.form.errorsOther')}</p>}
          <ul>
            {others.map((item) => (
              <li key={`${item.label}:${item.message}`}>
                {item.label ? t('incidents.form.errorItem', { label: item.label, message: item.message }) : item.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {children}
    </div>
  );
}
