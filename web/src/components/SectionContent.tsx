import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, Figure, Section, SectionText } from '../../../src/contracts/organisation.js';
import { partnerAnchor } from '../sections.js';
import { FigureList } from './FigureList.js';

export type HeadingLevel = 2 | 3;
type Kind = SectionText['kind'];

/**
 * The order of a section's parts, as the fact book lays them out. "context" is the fact book's
 * unlabelled prose (an introduction, a footnote, "how to report…"): it has no part heading.
 */
const PARTS: readonly Kind[] = ['mandate', 'task', 'result', 'context', 'partners', 'contacts', 'figures'];

function Heading({ level, children, ...rest }: { level: number; lang?: string; children: ReactNode }) {
  const Tag = `h${Math.min(level, 6)}` as 'h2';
  return <Tag {...rest}>{children}</Tag>;
}

/** The section's own words, quoted as written (French), whatever the interface language. */
export function TextBody({ text }: { text: SectionText }) {
  return <p className="text-body">{text.body}</p>;
}

interface Group {
  heading: string | null;
  texts: SectionText[];
}

/** Consecutive texts under the same heading belong together. */
function groupsOf(texts: readonly SectionText[]): Group[] {
  const groups: Group[] = [];
  for (const text of texts) {
    const last = groups.at(-1);
    if (last && last.heading === text.heading) last.texts.push(text);
    else groups.push({ heading: text.heading, texts: [text] });
  }
  return groups;
}

/** Bullets render as one list per run; other texts as paragraphs. */
function runsOf(texts: readonly SectionText[]): { bullet: boolean; texts: SectionText[] }[] {
  const runs: { bullet: boolean; texts: SectionText[] }[] = [];
  for (const text of texts) {
    const last = runs.at(-1);
    if (last && last.bullet === text.bullet) last.texts.push(text);
    else runs.push({ bullet: text.bullet, texts: [text] });
  }
  return runs;
}

type RenderText = (text: SectionText) => ReactNode;

function Texts({ texts, renderText }: { texts: readonly SectionText[]; renderText: RenderText }) {
  return runsOf(texts).flatMap((run) =>
    run.bullet
      ? [
          <ul key={run.texts[0]?.id} className="text-list" lang="fr">
            {run.texts.map((text) => (
              <li key={text.id} id={`text-${text.id}`}>
                {renderText(text)}
              </li>
            ))}
          </ul>,
        ]
      : run.texts.map((text) => (
          <div key={text.id} id={`text-${text.id}`} className="text-block" lang="fr">
            {renderText(text)}
          </div>
        )),
  );
}

/** Consecutive texts under the same sub-heading ("a) Réforme du Secteur de la Sécurité (RSS)"). */
function subgroupsOf(texts: readonly SectionText[]): { subheading: string | null; texts: SectionText[] }[] {
  const groups: { subheading: string | null; texts: SectionText[] }[] = [];
  for (const text of texts) {
    const last = groups.at(-1);
    if (last && last.subheading === text.subheading) last.texts.push(text);
    else groups.push({ subheading: text.subheading, texts: [text] });
  }
  return groups;
}

/**
 * The parts in the order the fact book first reaches them ("Sa structure" introduces the PIO's
 * units before its tasks), then the parts that only have structured content, in the usual order.
 */
function partsInSourceOrder(section: Section): Kind[] {
  const seen = new Set<Kind>();
  for (const text of section.texts) seen.add(text.kind);
  return [...seen, ...PARTS.filter((kind) => !seen.has(kind))];
}

/**
 * The texts whose heading is printed: the first of each heading in the order the parts are shown.
 * The fact book prints a heading once over texts of several parts (the PIO's "Sa structure" covers
 * its introduction, its units and its frequencies); repeated in each part it would read three times.
 */
function firstOfEachHeading(section: Section, kinds: readonly Kind[]): Set<string> {
  const shown = new Set<string>();
  const first = new Set<string>();
  for (const kind of kinds) {
    for (const text of section.texts) {
      if (text.kind !== kind || text.heading === null || shown.has(text.heading)) continue;
      shown.add(text.heading);
      first.add(text.id);
    }
  }
  return first;
}

function TextGroups({
  texts,
  level,
  renderText,
  headed,
}: {
  texts: readonly SectionText[];
  level: number;
  renderText: RenderText;
  /** The texts whose heading is printed (see `firstOfEachHeading`). */
  headed: ReadonlySet<string>;
}) {
  return groupsOf(texts).map((group, index) => (
    <div key={group.texts[0]?.id ?? index} className="text-group">
      {group.heading && group.texts.some((text) => headed.has(text.id)) && (
        <Heading level={level} lang="fr">
          {group.heading}
        </Heading>
      )}
      {subgroupsOf(group.texts).map((sub, subIndex) =>
        sub.subheading ? (
          <div key={sub.texts[0]?.id ?? subIndex} className="text-subgroup">
            <Heading level={level + 1} lang="fr">
              {sub.subheading}
            </Heading>
            <Texts texts={sub.texts} renderText={renderText} />
          </div>
        ) : (
          <Texts key={sub.texts[0]?.id ?? subIndex} texts={sub.texts} renderText={renderText} />
        ),
      )}
    </div>
  ));
}

function contactHref(contact: Contact): string | null {
  if (contact.kind === 'email') return `mailto:${contact.value}`;
  if (contact.kind === 'web') return /^https?:\/\//.test(contact.value) ? contact.value : null;
  if (contact.kind === 'phone' || contact.kind === 'hotline') {
    const digits = contact.value.replace(/[^\d+]/g, '');
    return digits.length >= 4 && digits.length <= 15 ? `tel:${digits}` : null;
  }
  return null;
}

function Partners({ section }: { section: Section }) {
  const { t } = useTranslation();
  if (section.partners.length === 0) return null;
  return (
    <ul className="entity-list">
      {section.partners.map((partner) => (
        <li key={partner.id} id={partnerAnchor(section.unit, partner.id)}>
          <span lang="fr">
            {partner.name}
            {partner.abbreviation && ` (${partner.abbreviation})`}
          </span>{' '}
          {partner.country && (
            <>
              <abbr className="partner-country" title={t('section.countryCode')}>
                {partner.country}
              </abbr>{' '}
            </>
          )}
          <span className="tag">{t(`partnerKinds.${partner.kind}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A contact as the fact sheet lists it: its kind, label, value (a link when it can be one) and place. */
export function ContactBody({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const href = contactHref(contact);
  return (
    <>
      <span className="tag">{t(`contactKinds.${contact.kind}`)}</span> <span lang="fr">{contact.label}</span> :{' '}
      {href ? <a href={href}>{contact.value}</a> : <span>{contact.value}</span>}
      {contact.place && (
        <span lang="fr" className="contact-place">
          {' '}
          — {contact.place}
        </span>
      )}
      {contact.free && (
        <>
          {' '}
          <span className="tag tag-free">{t('section.freeLine')}</span>
        </>
      )}
    </>
  );
}

type RenderContact = (contact: Contact) => ReactNode;

function Contacts({ section, renderContact }: { section: Section; renderContact: RenderContact }) {
  if (section.contacts.length === 0) return null;
  return (
    <ul className="entity-list">
      {section.contacts.map((contact) => (
        <li key={contact.id} id={`contact-${contact.id}`}>
          {renderContact(contact)}
        </li>
      ))}
    </ul>
  );
}

interface Renderers {
  renderText: RenderText;
  renderContact: RenderContact;
  /** Shown under each figure (its edit form and history on the section page); nothing by default. */
  renderFigure?: ((figure: Figure) => ReactNode) | undefined;
}

function Part({
  kind,
  section,
  level,
  renderText,
  renderContact,
  renderFigure,
  headed,
}: { kind: Kind; section: Section; level: HeadingLevel; headed: ReadonlySet<string> } & Renderers) {
  const { t } = useTranslation();
  const texts = section.texts.filter((text) => text.kind === kind);
  const structured =
    kind === 'partners'
      ? section.partners.length
      : kind === 'contacts'
        ? section.contacts.length
        : kind === 'figures'
          ? section.figures.length
          : 0;
  if (texts.length === 0 && structured === 0) return null;
  if (kind === 'context') return <TextGroups texts={texts} level={level} renderText={renderText} headed={headed} />;
  return (
    <div className={`part part-${kind}`}>
      <Heading level={level}>{t(`factsheet.parts.${kind}`)}</Heading>
      <TextGroups texts={texts} level={level + 1} renderText={renderText} headed={headed} />
      {kind === 'partners' && <Partners section={section} />}
      {kind === 'contacts' && <Contacts section={section} renderContact={renderContact} />}
      {kind === 'figures' && section.figures.length > 0 && <FigureList figures={section.figures} renderFigure={renderFigure} />}
    </div>
  );
}

interface SectionContentProps {
  section: Section;
  /** The level of the part headings ("Mandat", "Tâches"…); text headings sit one level below. */
  level: HeadingLevel;
  /** What to show for each text; by default its body. */
  renderText?: RenderText;
  /** What to show for each contact; by default the contact as written. */
  renderContact?: RenderContact;
  /** What to add under each figure; by default nothing. */
  renderFigure?: (figure: Figure) => ReactNode;
}

/** One section of the fact book: mandate, tasks, results, partners, contacts and key figures. */
export function SectionContent({
  section,
  level,
  renderText = (text) => <TextBody text={text} />,
  renderContact = (contact) => <ContactBody contact={contact} />,
  renderFigure,
}: SectionContentProps) {
  const { t } = useTranslation();
  const empty =
    section.texts.length === 0 && section.partners.length === 0 && section.contacts.length === 0 && section.figures.length === 0;
  if (empty) return <p className="hint">{t('factsheet.sectionEmpty')}</p>;
  const kinds = partsInSourceOrder(section);
  const headed = firstOfEachHeading(section, kinds);
  return (
    <>
      {kinds.map((kind) => (
        <Part
          key={kind}
          kind={kind}
          section={section}
          level={level}
          renderText={renderText}
          renderContact={renderContact}
          renderFigure={renderFigure}
          headed={headed}
        />
      ))}
    </>
  );
}
