import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'it';

const LANGUAGE_KEY = 'ritmo.language';

/** Every `<lang>/<namespace>.json` under this folder; a feature adds its own namespace file. */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', {
  eager: true,
});

function resources() {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, module] of Object.entries(files)) {
    const [, lang, ns] = /^\.\/(\w+)\/([\w-]+)\.json$/.exec(path) ?? [];
    if (!lang || !ns) continue;
    (out[lang] ??= {})[ns] = module.default;
  }
  return out;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The person's choice, then the browser's languages, then Italian. */
export function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(LANGUAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

export const i18n = i18next.createInstance();

export function initI18n(lang: Language = initialLanguage()) {
  void i18n.use(initReactI18next).init({
    resources: resources(),
    lng: lang,
    fallbackLng: DEFAULT_LANGUAGE,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  applyLanguage(lang);
  return i18n;
}

/** Keeps `<html lang>`, the API's Accept-Language and the stored choice in step. */
export function applyLanguage(lang: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  setApiLanguage(lang);
}

export async function changeLanguage(lang: Language): Promise<void> {
  globalThis.localStorage?.setItem(LANGUAGE_KEY, lang);
  applyLanguage(lang);
  await i18n.changeLanguage(lang);
}
