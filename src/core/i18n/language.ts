/**
 * The languages Sitrep writes in, and which one an answer uses: an explicit choice, then the
 * language the question is written in, the user's saved choice, the user's locale, the
 * channel's setting, English.
 */
export const LANGUAGES = ['en', 'fr', 'ht'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A platform locale ("fr", "fr-CA", "en-GB", "ht") as one of ours; undefined for any other. */
export function languageOfLocale(locale: string | undefined): Language | undefined {
  const base = locale?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : undefined;
}

export interface LanguageClues {
  /** The `language` option the user gave with this command. */
  explicit?: string | undefined;
  /** The language the question is written in, when it tells. */
  question?: Language | undefined;
  /** What the user chose with /language set. */
  chosen?: Language | undefined;
  /** The user's platform locale (Discord interaction.locale, Slack users.info). */
  locale?: string | undefined;
  /** The channel's subscription language. */
  channel?: Language | undefined;
}

export function chooseLanguage(clues: LanguageClues): Language {
  const explicit = isLanguage(clues.explicit) ? clues.explicit : undefined;
  return explicit ?? clues.question ?? clues.chosen ?? languageOfLocale(clues.locale) ?? clues.channel ?? 'en';
}
