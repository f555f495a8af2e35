/**
 * The message catalogue: one per language, every key in each, with the same placeholders
 * (tests/core/i18n/catalogue.test.ts checks). Keys are typed, so a missing one fails to compile.
 */
import { answersEn } from './answers-en.ts';
import { answersFr } from './answers-fr.ts';
import { answersHt } from './answers-ht.ts';
import { errorsEn } from './errors-en.ts';
import { errorsFr } from './errors-fr.ts';
import { errorsHt } from './errors-ht.ts';
import type { Language } from './language.ts';
import { textEn } from './text-en.ts';
import { textFr } from './text-fr.ts';
import { textHt } from './text-ht.ts';

const en = { ...textEn, ...errorsEn, ...answersEn };
export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

export const catalogues: Record<Language, Catalogue> = {
  en,
  fr: { ...textFr, ...errorsFr, ...answersFr },
  ht: { ...textHt, ...errorsHt, ...answersHt },
};
