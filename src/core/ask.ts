/**
 * /ask and questions in messages: understand what is asked (question.ts), then answer the one
 * thing asked first, in a sentence (src/core/answers), with the records behind it and
 * "Understood: …" last, so the user sees how the question was read and can correct it. A
 * question about a place gets the place's report; the future and questions it cannot read are
 * said to be out of reach.
 */

import { answerCasualties, answerWhoWasHurt } from './answers/casualties.ts';
import { answerClaim } from './answers/claims.ts';
import { type AnswerContext, baseQuery } from './answers/common.ts';
import { answerEvent, answerPerson } from './answers/events.ts';
import { answerContingentCount, answerFigure, figuresAbout } from './answers/figures.ts';
import { timelineLead } from './answers/timeline-lead.ts';
import { UserError } from './errors.ts';
import { chooseLanguage, type LanguageClues } from './i18n/language.ts';
import { type Messages, messagesFor } from './i18n/messages.ts';
import { locationReport } from './location.ts';
import { understandQuestion } from './question.ts';
import { describeUnderstood } from './question-describe.ts';
import type { Question } from './question-types.ts';
import { vocabularyOf, withNamedPeople } from './question-vocabulary.ts';
import type { Services } from './services.ts';
import { formatOccurred } from './time.ts';
import { timelinePage } from './timeline.ts';
import type { View } from './view.ts';

export const MAX_QUESTION_LENGTH = 500;

/** The view with "Understood: …" as its last section, where the reader ends. */
function understoodLast(view: View, understood: string, m: Messages): View {
  const heading = m.t('ask.question');
  const others = view.sections.filter((s) => s.heading !== heading);
  const own = view.sections.find((s) => s.heading === heading);
  return {
    ...view,
    sections: [...others, own ?? { heading, fields: [{ label: m.t('ask.understood'), value: understood }] }],
  };
}

/** "Nothing is recorded after 30 Mar 2025": the newest record of the place asked about, or of all. */
async function futureError(services: Services, q: Question, understood: string, m: Messages): Promise<UserError> {
  const query = { placeId: baseQuery(q, services.actors).placeId };
  const [newest] = (await services.store.listEvents(query, { limit: 1 })).events;
  if (!newest) return new UserError('future', { understood });
  const { occurredAt, timePrecision } = newest.event;
  return new UserError('future-after', {
    newest: formatOccurred(
      occurredAt,
      timePrecision === 'datetime' ? 'day' : timePrecision,
      services.settings.timeZone,
      m,
    ),
    understood,
  });
}

/**
 * Answers in the language the question is written in, unless the caller asked for one
 * explicitly (`clues.explicit`); the other clues only matter when the question says nothing.
 */
export async function ask(services: Services, text: string, now: Date, clues: LanguageClues = {}): Promise<View> {
  const { gazetteer, actors, store } = services;
  const [series, named] = await Promise.all([store.allIndicatorSeries(), store.namedPeople()]);
  // The latest of each series: its last observation.
  const indicators = [...series.values()].flatMap((s) => s.slice(-1));
  const vocabulary = vocabularyOf({
    actors: actors.values(),
    indicators,
    people: withNamedPeople(services.people ?? [], named),
  });
  let understood = understandQuestion(text.slice(0, MAX_QUESTION_LENGTH), {
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
  if (understood.intent === 'future') throw await futureError(services, understood, understoodLine, m);
  if (understood.intent === 'unknown') {
    const examples = (understood.examples ?? []).map((e) => `"${e}"`).join(', ');
    throw new UserError('not-understood', { examples });
  }
  // Words that name no single place: the gazetteer says which names are close, or which places share them.
  if (!understood.place && understood.placeText) {
    understood = { ...understood, place: gazetteer.resolve(understood.placeText, true) };
  }
  const context: AnswerContext = {
    services,
    question: understood,
    m,
    now,
    understood: understoodLine,
    indicators,
    series,
  };
  switch (understood.intent) {
    case 'figure':
      return answerFigure(context);
    case 'casualties':
      return answerCasualties(context);
    case 'claim':
      return answerClaim(context);
    case 'event':
      return answerEvent(context);
    case 'people':
      if (understood.people.length && understood.casualtyKinds.length === 0) return answerPerson(context);
      if (understood.casualtyKinds.length) return answerWhoWasHurt(context);
      return answerEvent(context);
    default:
  }
  // "How many Jamaican soldiers": a contingent with no count of its own, and its country listed.
  const [contingent] = understood.actors.filter((a) => a.actor.kind === 'contingent');
  if (understood.intent === 'timeline' && understood.asked === 'how-many' && contingent) {
    const answer = answerContingentCount(context, contingent.actor);
    if (answer) return answer;
  }
  if (understood.intent === 'timeline' && !understood.placeText) {
    const filter = {
      from: understood.window?.from,
      to: understood.window?.until,
      category: understood.categories[0],
      actor: understood.actors[0]?.actor.id,
    };
    // The lead's newest record is the list's first: read once, the count meanwhile.
    const listed = timelinePage(services, filter, now, language);
    const [{ view }, lead] = await Promise.all([listed, timelineLead(context, filter, listed)]);
    return understoodLast({ ...view, summary: [lead, view.summary].filter(Boolean).join('\n') }, preface, m);
  }
  const place = understood.place ?? gazetteer.places.find((p) => p.kind === 'country');
  if (!place) throw new UserError('no-place');
  if (understood.correctedFrom) preface = `${m.t('ask.did-you-mean', { place: place.name })} ${preface}`;
  // Event kinds ("attacks") narrow the events listed; casualty kinds ("killed") are the totals shown anyway.
  const { categories } = understood;
  if (understood.casualtyKinds.length && categories.length === 0) preface += ` ${m.t('ask.casualties-below')}`;
  const report = await locationReport(
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
  // Figures that name the place ("Share of Port-au-Prince under gang control") come first.
  const figures = figuresAbout(place, indicators, series, m);
  const withFigures: View = figures.length
    ? {
        ...report,
        sections: [
          { heading: m.t('answer.figures-about', { place: place.name }), fields: figures },
          ...report.sections,
        ],
      }
    : report;
  return understoodLast(withFigures, preface, m);
}
