import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mission } from '../api/organisation.js';
import { useLocale } from '../i18n.js';

/** Charter chapters are cited in Roman numerals ("Chapitre VII"). */
export function romanNumeral(value: number): string {
  const numerals: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = value;
  let text = '';
  for (const [amount, numeral] of numerals) {
    while (rest >= amount) {
      text += numeral;
      rest -= amount;
    }
  }
  return text;
}

/** The head of the fact sheet: the mission, its mandate, the principles it holds to and who leads it. */
export function MissionHeader({ mission }: { mission: Mission }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const titleId = useId();
  return (
    <section className="mission-header" aria-labelledby={titleId}>
      <h2 id={titleId} className="mission-name">
        {mission.name[locale]}
      </h2>
      <p className="mission-full-name">{mission.fullName[locale]}</p>
      <ul className="facts">
        <li>{t('home.resolution', mission.resolution)}</li>
        <li>{t('home.chapter', { chapter: romanNumeral(mission.charterChapter) })}</li>
      </ul>
      <div className="mission-columns">
        <div>
          <h3>{t('home.principles')}</h3>
          <ol>
            {mission.principles[locale].map((principle) => (
              <li key={principle}>{principle}</li>
            ))}
          </ol>
        </div>
        <div>
          <h3>{t('home.leadership')}</h3>
          <ul>
            {mission.leadership[locale].map((post) => (
              <li key={post}>{post}</li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
