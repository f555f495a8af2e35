/**
 * /ask and questions in messages: find the place (and period) a question names and answer with
 * the location report, saying what was understood so the user can correct it.
 */
import { UserError } from './errors.ts';
import { locationReport } from './location.ts';
import { understandQuestion } from './question.ts';
import { EventCategory } from './schemas.ts';
import type { Services } from './services.ts';
import type { View } from './view.ts';

export const MAX_QUESTION_LENGTH = 500;

export function ask(services: Services, text: string, now: Date): View {
  const question = text.slice(0, MAX_QUESTION_LENGTH);
  const understood = understandQuestion(question, {
    gazetteer: services.gazetteer,
    now,
    timeZone: services.settings.timeZone,
  });
  if (!understood.place) {
    if (understood.placeText) {
      // A likely misspelling: let the gazetteer say which names are close.
      services.gazetteer.resolve(understood.placeText);
    }
    throw new UserError(
      'no-place',
      'I could not find a place in Haiti in that question. Name one, for example: "what happened near Pont-Sondé?" or "attacks in Kenscoff".',
    );
  }
  let preface = `Understood: ${understood.understood}.`;
  if (understood.correctedFrom) preface = `Did you mean: ${understood.place.name}? ${preface}`;
  // Event kinds ("attacks") narrow the events listed; casualty kinds ("killed") are the totals shown anyway.
  const categories = (understood.kinds ?? []).filter((k): k is EventCategory => EventCategory.safeParse(k).success);
  if (understood.kinds?.length && categories.length === 0)
    preface += ' Casualty totals are under "Casualties reported".';
  return locationReport(
    services,
    understood.place.id,
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
