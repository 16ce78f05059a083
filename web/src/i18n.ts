import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Locale } from '../../src/contracts/common.js';
import { type WebCatalog, webFr } from '../../src/i18n/web.fr.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'web';
    resources: { web: WebCatalog };
  }
}

const STORAGE_KEY = 'mandat.locale';

function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

/** The language chosen on this device before sign-in; French otherwise. */
function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'fr';
  } catch {
    // Storage can be blocked by the browser's privacy settings: French is a fine default.
    return 'fr';
  }
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'fr';
}

/**
 * French comes with the app; the English catalog is fetched the first time English is chosen, so
 * the first page over a field link does not carry a language most readers never open.
 */
let english: Promise<void> | null = null;

function loadCatalog(locale: Locale): Promise<void> {
  if (locale === 'fr') return Promise.resolve();
  english ??= import('../../src/i18n/web.en.js').then(
    ({ webEn }) => {
      i18next.addResourceBundle('en', 'web', webEn);
    },
    (error: unknown) => {
      // A dropped link: the next choice of English tries again.
      english = null;
      throw error;
    },
  );
  return english;
}

/** Switches the interface language, remembers it on this device and keeps <html lang> true. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered on this device; the signed-in user's saved language still applies.
  }
  if (i18next.language === locale) return;
  await loadCatalog(locale);
  await i18next.changeLanguage(locale);
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18next.use(initReactI18next).init({
  resources: { fr: { web: webFr } },
  lng: 'fr',
  fallbackLng: 'fr',
  supportedLngs: ['fr', 'en'],
  ns: ['web'],
  defaultNS: 'web',
  // French is bundled: initialise synchronously so the first render is already translated.
  initAsync: false,
  // React escapes every string it renders.
  interpolation: { escapeValue: false },
});
document.documentElement.lang = currentLocale();

/**
 * The language chosen on this device, its catalog loaded: main.tsx renders once it has settled, so
 * a reader of English never sees the first page in French. Without the catalog (no link), French.
 */
export const localeReady: Promise<void> = (async () => {
  const locale = storedLocale();
  if (locale === 'fr') return;
  try {
    await loadCatalog(locale);
    await i18next.changeLanguage(locale);
  } catch {
    // French it is, until English is chosen again.
  }
})();

export { i18next };

/** The interface language; re-renders the caller when it changes. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : 'fr';
}
