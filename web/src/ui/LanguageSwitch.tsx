import { useTranslation } from 'react-i18next';
import { useUpdateMe } from '../api/me';
import { session } from '../api/session';
import { changeLanguage, LANGUAGES, type Language } from '../i18n';

const NAMES: Record<Language, string> = { it: 'Italiano', en: 'English' };

/** Changes the language of the page and, when signed in, the account's preference. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const save = useUpdateMe();
  return (
    <div className="ritmo-language" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          className="ritmo-lang-btn"
          aria-pressed={i18n.language === lang}
          onClick={() => {
            void changeLanguage(lang);
            if (session.current() === 'signed-in') save.mutate({ locale: lang });
          }}
        >
          {NAMES[lang]}
        </button>
      ))}
    </div>
  );
}
