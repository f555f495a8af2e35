/**
 * /ask and questions in messages: understand what is asked (question.ts) and answer with the
 * closest existing report, saying what was understood so the user can correct it. Questions
 * whose own answer is not built yet get the records behind them and say so.
 */
import { UserError } from './errors.ts';
import { locationReport } from './location.ts';
import { understandQuestion } from './question.ts';
import { vocabularyOf } from './question-vocabulary.ts';
import type { Services } from './services.ts';
import { status } from './status.ts';
import { timeline } from './timeline.ts';
import type { View } from './view.ts';

export const MAX_QUESTION_LENGTH = 500;

const withPreface = (view: View, preface: string): View => ({
  ...view,
  sections: [{ heading: 'Understood', fields: [{ label: 'Question', value: preface }] }, ...view.sections],
});

export async function ask(services: Services, text: string, now: Date): Promise<View> {
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
  let preface = `Understood: ${understood.understood}.`;
  if (understood.intent === 'future') throw new UserError('future', { understood: understood.understood });
  if (understood.intent === 'unknown') {
    const examples = (understood.examples ?? []).map((e) => `"${e}"`).join(', ');
    throw new UserError('not-understood', { examples });
  }
  if (understood.intent === 'figure') return withPreface(await status(services, now), preface);
  if (understood.intent === 'timeline' && !understood.placeText) {
    const filter = {
      from: understood.window?.from,
      to: understood.window?.until,
      category: understood.categories[0],
      actor: understood.actors[0]?.actor.id,
    };
    return withPreface(await timeline(services, filter, now), preface);
  }
  // Words that name no single place: the gazetteer says which names are close, or which places share them.
  const place =
    understood.place ??
    (understood.placeText
      ? gazetteer.resolve(understood.placeText, true)
      : gazetteer.places.find((p) => p.kind === 'country'));
  if (!place) throw new UserError('no-place');
  if (understood.correctedFrom) preface = `Did you mean: ${place.name}? ${preface}`;
  if (understood.intent !== 'place-report')
    preface += ' A direct answer to this question is not available yet; the records behind it follow.';
  // Event kinds ("attacks") narrow the events listed; casualty kinds ("killed") are the totals shown anyway.
  const { categories } = understood;
  if (understood.casualtyKinds.length && categories.length === 0)
    preface += ' Casualty totals are under "Casualties reported".';
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
  );
}
