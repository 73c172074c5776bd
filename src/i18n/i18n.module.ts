import { Global, Module } from '@nestjs/common';
import { I18nJsonLoader, I18nModule, I18nResolver } from 'nestjs-i18n';
import { DEFAULT_LANG } from './locale';
import { Localizer } from './localizer.service';
import { Vocabulary } from './vocabulary.service';

/**
 * nestjs-i18n loads `src/i18n/<lang>/<namespace>.json` (copied to dist by nest-cli.json);
 * ritmo picks the language itself (Localizer.resolve), so the library's resolvers and
 * middleware are off, and its formatter returns templates raw: Localizer fills placeholders,
 * formatting numbers for the language and refusing a text whose placeholder stays empty.
 */
/**
 * Resolves nothing: the language is Localizer's choice. Declared so that nestjs-i18n does not
 * print its "No resolvers provided" hint, in its own coloured format, at every start.
 */
class NoLanguageResolver implements I18nResolver {
  resolve(): undefined {
    return undefined;
  }
}

@Global()
@Module({
  imports: [
    I18nModule.forRoot({
      fallbackLanguage: DEFAULT_LANG,
      loader: I18nJsonLoader,
      loaderOptions: { path: __dirname, watch: false },
      resolvers: [NoLanguageResolver],
      disableMiddleware: true,
      logging: false,
      formatter: (template: string) => template,
    }),
  ],
  providers: [Localizer, Vocabulary],
  exports: [Localizer, Vocabulary],
})
export class LocalizationModule {}
