import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

// The first page of a visit keeps the browser's own focus; later pages take it (see below).
let firstPageShown = false;

interface PageProps {
  title: string;
  children: ReactNode;
  /** Narrow column for short forms (sign-in, setup). */
  narrow?: boolean;
  /** The title's language when it is content quoted as written, not interface text. */
  titleLang?: string;
}

/**
 * One page of the app: sets the document title and, after an in-app navigation, moves focus to
 * the page heading so screen-reader and keyboard users start reading at the new content.
 */
export function Page({ title, children, narrow = false, titleLang }: PageProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    if (firstPageShown) heading.current?.focus();
    firstPageShown = true;
  }, []);

  return (
    <div className={narrow ? 'page page-narrow' : 'page'}>
      <h1 ref={heading} tabIndex={-1} lang={titleLang}>
        {title}
      </h1>
      {children}
    </div>
  );
}
