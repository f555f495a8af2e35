/**
 * /ask and questions in messages: understand what is asked (question.ts) and answer with the
 * closest existing report, saying what was understood so the user can correct it. Questions
 * whose own answer is not built yet get the records behind them and say so.
 */
import { UserError } from './errors.ts';
import { chooseLanguage, type LanguageClues } from './i18n/language.ts';
import { type Messages, messagesFor } from './i18n/messages.ts';
import { locationReport } from './location.ts';
import { understandQuestion } from './question.ts';
import { describeUnderstood } from './question-describe.ts';
import { vocabularyOf } from './question-vocabulary.ts';
import type { Services } from './services.ts';
import { status } from './status.ts';
import { timeline } from './timeline.ts';
import type { View } from './view.ts';

export const MAX_QUESTION_LENGTH = 500;

const withPreface = (view: View, preface: string, m: Messages): View => ({
  ...view,
  sections: [
    { heading: m.t('ask.question'), fields: [{ label: m.t('ask.understood'), value: preface }] },
    ...view.sections,
  ],
});

/**
 * Answers in the language the question is written in, unless the caller asked for one
 * explicitly (`clues.explicit`); the other clues only matter when the question says nothing.
 */
export async function ask(services: Services, text: string, now: Date, clues: LanguageClues = {}): Promise<View> {
  const { gazetteer, actors, store } = services;
  const vocabulary = vocabularyOf({
    actors: actors.values(),
    indicators: await store.latestIndicators(),
    people: services.people ?? [],
  });
  const understood = understandQuestion(text.slice(0, MAX_QUESTION_LENGTH), {
    gazetteer,
    now,
    timeZone: services.settings.timeZone,
    vocabulary,
  });
  const language = chooseLanguage({ ...clues, question: understood.language });
  const m = messagesFor(language);
  // Read in the answer's language, which an explicit choice may make another than the question's.
  const understoodLine = describeUnderstood(understood, gazetteer, m);
  let preface = m.t('ask.preface', { understood: understoodLine });
  if (understood.intent === 'future') throw new UserError('future', { understood: understoodLine });
  if (understood.intent === 'unknown') {
    const examples = (understood.examples ?? []).map((e) => `"${e}"`).join(', ');
    throw new UserError('not-understood', { examples });
  }
  if (understood.intent === 'figure') return withPreface(await status(services, now, language), preface, m);
  if (understood.intent === 'timeline' && !understood.placeText) {
    const filter = {
      from: understood.window?.from,
      to: understood.window?.until,
      category: understood.categories[0],
      actor: understood.actors[0]?.actor.id,
    };
    return withPreface(await timeline(services, filter, now, language), preface, m);
  }
  // Words that name no single place: the gazetteer says which names are close, or which places share them.
  const place =
    understood.place ??
    (understood.placeText
      ? gazetteer.resolve(understood.placeText, true)
      : gazetteer.places.find((p) => p.kind === 'country'));
  if (!place) throw new UserError('no-place');
  if (understood.correctedFrom) preface = `${m.t('ask.did-you-mean', { place: place.name })} ${preface}`;
  if (understood.intent !== 'place-report') preface += ` ${m.t('ask.no-direct-answer')}`;
  // Event kinds ("attacks") narrow the events listed; casualty kinds ("killed") are the totals shown anyway.
  const { categories } = understood;
  if (understood.casualtyKinds.length && categories.length === 0) preface += ` ${m.t('ask.casualties-below')}`;
  return locationReport(
    services,
    place.id,
    {
      from: understood.window?.from,
      to: understood.window?.until,
      radiusKm: understood.radiusKm,
      categories: categories.length ? categories : undefined,
      preface,
    },
    now,
    language,
  );
}
