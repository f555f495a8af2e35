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
import { intakeEn } from './intake-en.ts';
import { intakeFr } from './intake-fr.ts';
import { intakeHt } from './intake-ht.ts';
import type { Language } from './language.ts';
import { textEn } from './text-en.ts';
import { textFr } from './text-fr.ts';
import { textHt } from './text-ht.ts';

/** The English parts, each the model of its French and Creole twin; no key may be in two. */
export const englishParts = { textEn, intakeEn, errorsEn, answersEn };

const en = { ...textEn, ...intakeEn, ...errorsEn, ...answersEn };
export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

export const catalogues: Record<Language, Catalogue> = {
  en,
  fr: { ...textFr, ...intakeFr, ...errorsFr, ...answersFr },
  ht: { ...textHt, ...intakeHt, ...errorsHt, ...answersHt },
};
