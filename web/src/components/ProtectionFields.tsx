import type { TFunction } from 'i18next';
import { type ReactNode, type RefObject, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../src/contracts/common.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { ProtectionTerm } from '../api/protection.js';
import type { Loaded } from '../api/queries.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';
import { SelectField } from './fields.js';
import { Show } from './Show.js';

/** Options of a vocabulary list, labelled; the codes stay in the values. */
export function TermOptions({ terms }: { terms: readonly ProtectionTerm[] }) {
  return (
    <>
      {terms.map((term) => (
        <option key={term.code} value={term.code}>
          {term.label}
        </option>
      ))}
    </>
  );
}

interface RegionCercleFieldsProps {
  incidents: IncidentVocabulary;
  region: string;
  cercle: string;
  onChange: (region: string, cercle: string) => void;
  ids: { region: string; cercle: string };
  errors: { region?: string | undefined; cercle?: string | undefined };
  /** The region may be left empty (a hotline call). */
  regionOptional?: boolean;
}

/**
 * Region and cercle from the shipped boundaries: choosing a cercle sets its region, and a region
 * keeps the cercle only if the cercle lies in it (the server refuses a cercle outside its region).
 */
export function RegionCercleFields({ incidents, region, cercle, onChange, ids, errors, regionOptional = false }: RegionCercleFieldsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  const regions = [...incidents.regions].sort(byName);
  const cercles = incidents.cercles.filter((candidate) => region === '' || candidate.region === region).sort(byName);
  const regionLabel = new Map(incidents.regions.map((candidate) => [candidate.code, candidate.label]));
  return (
    <>
      <SelectField
        id={ids.region}
        label={t('protection.form.region')}
        optional={regionOptional}
        value={region}
        onChange={(next) => onChange(next, incidents.cercles.some((c) => c.code === cercle && c.region === next) ? cercle : '')}
        error={errors.region}
      >
        <option value="">{t('protection.form.chooseRegion')}</option>
        {regions.map((candidate) => (
          <option key={candidate.code} value={candidate.code}>
            {candidate.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={ids.cercle}
        label={t('protection.form.cercle')}
        optional
        value={cercle}
        onChange={(next) => onChange(incidents.cercles.find((c) => c.code === next)?.region ?? region, next)}
        error={errors.cercle}
      >
        <option value="">{t('protection.form.chooseCercle')}</option>
        {cercles.map((candidate) => (
          <option key={candidate.code} value={candidate.code}>
            {region === '' ? `${candidate.label} (${regionLabel.get(candidate.region) ?? candidate.region})` : candidate.label}
          </option>
        ))}
      </SelectField>
    </>
  );
}

interface DisclosureProps {
  label: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  children: ReactNode;
}

/** A button that shows or hides a form under it (the WAI-ARIA disclosure pattern); the form mounts only when shown. */
export function Disclosure({ label, open, onToggle, children }: DisclosureProps) {
  const panelId = useId();
  return (
    <div className="protection-disclosure">
      <button
        type="button"
        className="button-secondary protection-disclosure-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => onToggle(!open)}
      >
        {label}
      </button>
      <div id={panelId} hidden={!open} className="protection-disclosure-panel">
        {open && children}
      </div>
    </div>
  );
}

/** A confirmation's wording, made when shown, so that it follows the interface language. */
export type Wording = (t: TFunction, locale: Locale) => string;

/**
 * A confirmation after a change that removed the control the user pressed (a form that closes):
 * it takes the focus, so keyboard and screen-reader users are not left at the top of the page.
 */
export function useNotice(): {
  notice: Wording | null;
  show: (wording: Wording | null) => void;
  noticeRef: RefObject<HTMLParagraphElement | null>;
} {
  const [notice, setNotice] = useState<{ wording: Wording; n: number } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const show = useCallback(
    (wording: Wording | null) => setNotice((previous) => (wording === null ? null : { wording, n: (previous?.n ?? 0) + 1 })),
    [],
  );
  return { notice: notice?.wording ?? null, show, noticeRef };
}

export function SectionNotice({ notice, noticeRef }: { notice: Wording | null; noticeRef: RefObject<HTMLParagraphElement | null> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!notice) return null;
  return (
    <p ref={noticeRef} role="status" className="alert alert-success protection-notice" tabIndex={-1}>
      {notice(t, locale)}
    </p>
  );
}

/**
 * Shows a protection request's result like <Show>; when the server asks for a second factor
 * (confidential data needs two-step sign-in), says so with the way to turn it on.
 */
export function ProtectionShow<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (loaded.status === 'failed' && loaded.problem.code === 'second_factor_required') {
    return (
      <div role="alert" className="alert alert-error">
        <p>{loaded.problem.detail ?? loaded.problem.title}</p>
        <p>
          <Link to="/account">{t('protection.secondFactorLink')}</Link>
        </p>
      </div>
    );
  }
  return <Show loaded={loaded}>{children}</Show>;
}
