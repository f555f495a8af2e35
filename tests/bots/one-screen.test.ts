/**
 * Every answer's first message, in English, French and Haitian Creole, from the seed and from a
 * store with 100k-scale totals: within one screen on each platform (Discord one embed of at most
 * 1,500 characters; Slack at most 12 blocks and 2,000 characters; console about 25 lines),
 * nothing cut inside a word, and no English catalogue text in a French or Creole answer (record
 * text stays in the language it was stored in).
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { beforeAll, describe, expect, it } from 'vitest';
import { userErrorView } from '../../src/bots/../commands/dispatch.ts';
import { renderText } from '../../src/bots/console/render-text.ts';
import { renderView as renderDiscord } from '../../src/bots/discord/render.ts';
import { blockChars, renderView as renderSlack } from '../../src/bots/slack/render.ts';
import { listSubscriptions, subscribeAlerts, subscribeDigest } from '../../src/commands/subscription-commands.ts';
import { ask } from '../../src/core/ask.ts';
import { digest } from '../../src/core/digest.ts';
import { confirmation, historyView } from '../../src/core/editing.ts';
import { UserError, type UserErrorCode } from '../../src/core/errors.ts';
import { catalogues } from '../../src/core/i18n/catalogue.ts';
import { LANGUAGES, type Language } from '../../src/core/i18n/language.ts';
import { locationReport } from '../../src/core/location.ts';
import type { Services } from '../../src/core/services.ts';
import { status } from '../../src/core/status.ts';
import type { CasualtyTotals, Store } from '../../src/core/store-port.ts';
import type { Subscription } from '../../src/core/subscription-port.ts';
import { timeline } from '../../src/core/timeline.ts';
import type { View } from '../../src/core/view.ts';
import { alertView } from '../../src/scheduler/alerts.ts';
import { makeEvent } from '../support/events.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

const QUESTIONS: Record<Language, string> = {
  en: 'what happened near Pont-Sondé?',
  fr: 'que s’est-il passé près de Pont-Sondé ?',
  ht: 'kisa k pase toupre Ponsonde?',
};
/** Questions naming a period and a kind, so the Understood line has dates and words to translate. */
const PERIOD_QUESTIONS: Record<Language, string> = {
  en: 'attacks near Pont-Sondé since 18 March',
  fr: 'attaques près de Pont-Sondé du 18 au 25 mars',
  ht: 'atak toupre Ponsonde depi 18 mas',
};

/** A question of each kind that has its own answer: figure, casualties, who, when, a claim. */
const TOPIC_QUESTIONS: Record<Language, string[]> = {
  en: [
    'how many officers are deployed',
    'how many Kenyans were killed',
    'who is missing?',
    'when was president Moïse assassinated?',
    'was the Pont-Sondé ambush in Port-au-Prince?',
    'was the Kenyan officer shot in Kenscoff?',
    'how many casualties?',
  ],
  fr: [
    'combien de policiers kényans sont déployés ?',
    'combien de Kényans ont été tués ?',
    'qui est porté disparu ?',
    'quand le président Moïse a-t-il été assassiné ?',
    "l'embuscade de Pont-Sondé était-elle à Port-au-Prince ?",
    'combien de victimes ?',
  ],
  ht: [
    'konbyen polisye Kenya ki deplwaye?',
    'konbyen Kenyen ki mouri?',
    'kiyès ki disparèt?',
    'kilè yo te touye Moïse?',
    'èske anbiskad Pon Sonde a te nan Pòtoprens?',
    'konbyen viktim?',
  ],
};

/** English words Sitrep writes around record text, and dates left as stored ("2025-03", "2025-03-26"). */
const ENGLISH_WORDS = /\b(?:any date|understood|between|since|within|as of|read from|outside Haiti|no place)\b/i;
const ISO_DATE = /\b\d{4}-\d{2}(?:-\d{2})?\b/;
const DATE_ONLY = /^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Every string of the records, longest first, dates excepted: the words a view may show as stored. */
function recordStrings(records: unknown): string[] {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.length >= 4 && !DATE_ONLY.test(value)) out.add(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(records);
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * The English words and raw dates Sitrep wrote itself in a text, once record text is taken out.
 * An error about typed input shows dates as they are to be typed ("une date comme 2025-03-25").
 */
function sitrepEnglish(text: string, records: string[], inputFormats = false): string[] {
  let own = text;
  for (const r of records) own = own.split(r).join(' ');
  const found = [ENGLISH_WORDS.exec(own)?.[0], inputFormats ? undefined : ISO_DATE.exec(own)?.[0]];
  return found.filter((w): w is string => w !== undefined);
}

/** The seed store with totals of a busy year: every count and casualty total in the hundred thousands. */
function bigStore(store: Store): Store {
  const big = (t: CasualtyTotals): CasualtyTotals =>
    Object.fromEntries(
      Object.entries(t).map(([group, kinds]) => [
        group,
        Object.fromEntries(
          Object.entries(kinds).map(([kind, cell]) => [
            kind,
            { count: 123_456 + cell.count, atLeast: true, unknownReports: 1_234 },
          ]),
        ),
      ]),
    ) as CasualtyTotals;
  const many = Array.from({ length: 25 }, (_, i) =>
    makeEvent({
      id: `busy-${String(i).padStart(3, '0')}`,
      occurredAt: `2025-03-${String(1 + (i % 28)).padStart(2, '0')}`,
      summary: `Clash number ${i} reported around the supply route with a long description of what each source said happened there`,
      casualties: [{ group: 'gang', kind: 'killed', count: 90_000 + i, qualifier: 'at-least' }],
      sources: [
        { publisher: 'Le Nouvelliste', url: 'https://lenouvelliste.com/a', title: 'Un long titre' },
        { publisher: 'AyiboPost', url: 'https://ayibopost.com/b' },
        { publisher: 'Radio Kiskeya' },
      ],
    }),
  );
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'countEvents') return async () => 123_456;
      if (key === 'casualtyTotals')
        return async (q: Parameters<Store['casualtyTotals']>[0]) => big(await target.casualtyTotals(q));
      if (key === 'listEvents')
        return async (q: Parameters<Store['listEvents']>[0], page: Parameters<Store['listEvents']>[1]) => {
          const real = await target.listEvents(q, page);
          const extra = many.map((event) => ({
            event,
            revision: 1,
            recordedAt: '2025-03-30T00:00:00.000Z',
            firstRecordedAt: '2025-03-30T00:00:00.000Z',
          }));
          return { ...real, events: [...real.events, ...extra].slice(0, page.limit), nextKey: real.nextKey };
        };
      return Reflect.get(target, key, receiver);
    },
  });
}

function subscription(language: Language): Subscription {
  return {
    id: 1,
    kind: 'alert',
    platform: 'discord',
    teamId: 'G',
    channelId: 'C',
    timeZone: 'America/Port-au-Prince',
    language,
    createdBy: 'u',
    createdAt: '2025-03-01T00:00:00.000Z',
    alertCursor: undefined,
  } as unknown as Subscription;
}

async function views(services: Services, language: Language): Promise<Array<[string, View]>> {
  const ambush = await services.store.getEvent('2025-03-25-pont-sonde-ambush');
  if (!ambush) throw new Error('seed event missing');
  const revision = {
    eventId: ambush.event.id,
    revision: 1,
    event: ambush.event,
    recordedAt: ambush.recordedAt,
    author: 'seed',
    reason: 'seed',
  };
  const codes = Object.keys(catalogues.en)
    .filter((k) => k.startsWith('error.') && k !== 'error.title' && k !== 'error.fallback')
    .map((k) => k.slice(6) as UserErrorCode);
  return [
    ['status', await status(services, TEST_NOW, language)],
    ['timeline', await timeline(services, { limit: 25 }, TEST_NOW, language)],
    ['location', await locationReport(services, 'pont sonde', { radiusKm: 25 }, TEST_NOW, language)],
    ['ask', await ask(services, QUESTIONS[language], TEST_NOW)],
    ['ask with a period', await ask(services, PERIOD_QUESTIONS[language], TEST_NOW)],
    ...(await Promise.all(
      TOPIC_QUESTIONS[language].map(
        async (q): Promise<[string, View]> => [`ask "${q}"`, await ask(services, q, TEST_NOW)],
      ),
    )),
    ['digest', await digest(services, { since: '2025-03-01', until: '2025-04-01', language }, TEST_NOW)],
    ['alert', alertView(services, subscription(language), revision as never, true)],
    ['report', confirmation(services, ambush, 'recorded', language)],
    ['event history', await historyView(services, ambush.event.id, language)],
    ...(await subscriptionViews(services, language)),
    ...codes.map((code): [string, View] => [
      `error ${code}`,
      userErrorView(new UserError(code, paramsFor(code)), language),
    ]),
  ];
}

/** What a channel manager sees subscribing a channel and listing the server's subscriptions. */
async function subscriptionViews(services: Services, language: Language): Promise<Array<[string, View]>> {
  const caller = {
    platform: 'discord' as const,
    userId: 'u1',
    teamId: 'G1',
    channelId: '1300000000000000001',
    canManageChannel: true,
  };
  const ctx = { services, now: TEST_NOW, caller, language };
  return [
    [
      'digest subscribe',
      await subscribeDigest(ctx, { time: '07:00', location: 'Artibonite', category: 'attack', language }),
    ],
    ['alerts subscribe', await subscribeAlerts(ctx, { location: 'Kenscoff', language })],
    ['digest list', await listSubscriptions('digest')(ctx)],
    ['alerts list', await listSubscriptions('alert')(ctx)],
  ];
}

/** A marker value for each of an error message's placeholders (numbers where plurals need them). */
function paramsFor(code: UserErrorCode): Record<string, string | number> {
  const ast = new IntlMessageFormat(catalogues.en[`error.${code}`], 'en', undefined, { ignoreTag: true }).getAst();
  const names = ast.flatMap((node) => ('value' in node && node.type >= 1 && node.type <= 6 ? [node.value] : []));
  return Object.fromEntries(names.map((n) => [n, ['length', 'count'].includes(n) ? 3 : 'X']));
}

/** Literal phrases of the English catalogue (two words or more) that the other language does not also use. */
function englishPhrases(language: Language): string[] {
  const own = Object.values(catalogues[language]).join('\n');
  const phrases = new Set<string>();
  for (const message of Object.values(catalogues.en)) {
    for (const piece of message.split(/[{}#]/)) {
      const phrase = piece.trim();
      if (phrase.length >= 10 && /\p{L}{3,} \p{L}{3,}/u.test(phrase) && !own.includes(phrase)) phrases.add(phrase);
    }
  }
  return [...phrases];
}

const textOfDiscord = (v: View) => {
  const embed = renderDiscord(v).embeds[0];
  return [embed?.title, embed?.description, embed?.footer?.text].join('\n');
};

describe.each([
  ['the seed', false],
  ['a store with 100k-scale totals', true],
])('first messages from %s', (_name, busy) => {
  let services: Services;
  beforeAll(async () => {
    const seeded = await createTestServices();
    services = busy ? { ...seeded, store: bigStore(seeded.store) } : seeded;
  });

  it.each(LANGUAGES)('fit one screen on every platform, in %s', async (language) => {
    for (const [name, view] of await views(services, language)) {
      const discord = renderDiscord(view);
      expect(discord.embeds, name).toHaveLength(1);
      const embed = discord.embeds[0];
      const chars =
        (embed?.title ?? '').length + (embed?.description ?? '').length + (embed?.footer?.text ?? '').length;
      expect(chars, `${name} on Discord`).toBeLessThanOrEqual(1500);
      const slack = renderSlack(view);
      expect(slack, name).toHaveLength(1);
      expect(slack[0]?.blocks.length ?? 99, `${name} on Slack`).toBeLessThanOrEqual(12);
      expect(blockChars(slack[0]?.blocks ?? []), `${name} on Slack`).toBeLessThanOrEqual(2000);
      expect(renderText(view).split('\n').length, `${name} in the console`).toBeLessThanOrEqual(26);
      // A direct answer's lead sentence is on the first screen, whole, on every platform.
      if (name.startsWith('ask "') && view.summary) {
        const lead = view.summary;
        expect(embed?.description ?? '', `${name} lead on Discord`).toContain(lead);
        expect(JSON.stringify(slack[0]?.blocks), `${name} lead on Slack`).toContain(JSON.stringify(lead).slice(1, -1));
        expect(renderText(view).replace(/\n/g, ' '), `${name} lead in the console`).toContain(lead);
      }
      // Never cut inside a word, a date or a number: nothing is clipped with an ellipsis.
      for (const text of [textOfDiscord(view), JSON.stringify(slack), renderText(view)])
        expect(text, `${name} cut`).not.toMatch(/\p{L}…|\d…/u);
    }
  });

  it.each(LANGUAGES)('name four casualty totals in the lead and list every one below, in %s', async (language) => {
    const question = TOPIC_QUESTIONS[language].at(-1) as string;
    const view = await ask(services, question, TEST_NOW);
    const [byGroup] = view.sections;
    const totals = (byGroup?.items ?? []).map((i) => i.title);
    // The seed has six group and kind totals; the busy store has every one of the 24.
    expect(totals).toHaveLength(busy ? 24 : 6);
    const lead = (view.summary ?? '').toLowerCase();
    const named = totals.findIndex((t) => !lead.includes(t.toLowerCase()));
    // The first totals, as many as fit whole (one at least, four at most); the rest counted.
    expect(named).toBeGreaterThanOrEqual(1);
    expect(named).toBeLessThanOrEqual(4);
    for (const total of totals.slice(named)) expect(lead).not.toContain(total.toLowerCase());
    expect(lead).toContain(String(totals.length - named));
    expect(lead.length).toBeLessThanOrEqual(400);
  });

  it.each(['fr', 'ht'] as const)('leave no English catalogue text in %s answers', async (language) => {
    // Record text (summaries, details, notes, publishers) is shown as stored, in English here.
    const records = JSON.stringify((await services.store.listEvents({}, { limit: 100 })).events);
    const phrases = englishPhrases(language).filter((p) => !records.includes(p));
    expect(phrases.length).toBeGreaterThan(100);
    for (const [name, view] of await views(services, language)) {
      for (const text of [
        textOfDiscord(view),
        JSON.stringify(renderSlack(view)),
        renderText(view),
        renderText(view, { full: true }),
      ]) {
        const leaked = phrases.filter((p) => text.includes(p));
        expect(leaked, `${name} in ${language}`).toEqual([]);
      }
    }
  });

  it.each(['fr', 'ht'] as const)('leave no English word or raw date Sitrep writes in %s answers', async (language) => {
    const events = (await services.store.listEvents({}, { limit: 100 })).events;
    const indicators = await services.store.latestIndicators();
    const records = recordStrings([events, indicators]);
    for (const [name, view] of await views(services, language)) {
      for (const text of [
        textOfDiscord(view),
        JSON.stringify(renderSlack(view)),
        renderText(view),
        renderText(view, { full: true }),
      ])
        expect(sitrepEnglish(text, records, name.startsWith('error ')), `${name} in ${language}`).toEqual([]);
    }
  });
});

describe('the leak check itself', () => {
  it('finds an English phrase in a French text', () => {
    const phrases = englishPhrases('fr');
    const text = 'MSS Haïti · No incidents recorded.';
    expect(phrases.filter((p) => text.includes(p))).toContain('No incidents recorded.');
  });

  it('finds English words and raw dates Sitrep wrote, not those of record text', () => {
    const records = recordStrings([{ summary: 'Clashes since Monday', date: '2025-03-26', id: '2025-03-25-x' }]);
    expect(sitrepEnglish('Nou konprann: Pont-Sondé, any date.', records)).toEqual(['any date']);
    expect(sitrepEnglish('au 2025-03 · Clashes since Monday', records)).toEqual(['2025-03']);
    expect(sitrepEnglish('Sous: AP, 2025-03-26', records)).toEqual(['2025-03-26']);
    expect(sitrepEnglish('Clashes since Monday · id: 2025-03-25-x · 26 mas 2025', records)).toEqual([]);
  });
});
