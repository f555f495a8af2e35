/**
 * The shapes of everything Sitrep knows. Types come from these schemas (z.infer), so a record
 * that passed validation is exactly what the rest of the code expects. Field names follow ACLED
 * where it has one (event_type → category, fatalities → casualties, geo_precision, time_precision).
 */
import { z } from 'zod';

const isoDate = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date as precise as the source: "2023", "2024-04", "2025-03-25", or an ISO date-time with offset. */
export const PartialDate = z.string().refine((s) => isoDate.test(s) || isoDateTime.test(s), {
  message: 'expected a date like 2025-03-25, 2025-03, 2025 or 2025-03-25T16:30:00-04:00',
});

export const DateTime = z
  .string()
  .regex(isoDateTime, 'expected an ISO date-time with offset, like 2025-03-26T12:00:00Z');

export const Id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9._:-]*$/, 'expected a lowercase id of letters, digits, ".", "_", ":" or "-"');

export const Source = z.object({
  publisher: z.string().min(1).max(200),
  title: z.string().max(300).optional(),
  url: z.url().optional(),
  date: PartialDate.optional(),
});
export type Source = z.infer<typeof Source>;

/** What one source says about one field of an event, where sources disagree. */
export const Claim = z.object({
  field: z.enum(['occurredAt', 'place', 'condition', 'casualties', 'actors', 'summary', 'status']),
  value: z.string().min(1).max(500),
  source: Source,
  /** `superseded`: the record contradicts it; `contested`: no source settles it yet. */
  standing: z.enum(['accepted', 'contested', 'superseded']),
  note: z.string().max(500).optional(),
  /** For a place claim: the gazetteer place it names, so the event shows up there as disputed. */
  placeId: Id.optional(),
});
export type Claim = z.infer<typeof Claim>;

export const CasualtyGroup = z.enum(['mss', 'police', 'gang', 'civilian', 'military', 'other']);
export type CasualtyGroup = z.infer<typeof CasualtyGroup>;
export const CasualtyKind = z.enum(['killed', 'injured', 'missing', 'captured']);
export type CasualtyKind = z.infer<typeof CasualtyKind>;

export const Casualty = z
  .object({
    group: CasualtyGroup,
    kind: CasualtyKind,
    /** null when the source gives no number ("some gang members were injured"). */
    count: z.number().int().min(0).max(100_000).nullable(),
    qualifier: z.enum(['exact', 'at-least', 'about', 'unknown']),
    note: z.string().max(300).optional(),
  })
  .refine((c) => (c.count === null) === (c.qualifier === 'unknown'), {
    message: 'count is null exactly when qualifier is "unknown"',
    path: ['count'],
  });
export type Casualty = z.infer<typeof Casualty>;

export const ActorKind = z.enum([
  'mission',
  'contingent',
  'police',
  'gang',
  'civilians',
  'government',
  'international',
  'other',
]);
export const Actor = z.object({
  id: Id,
  name: z.string().min(1).max(120),
  /** The name in other languages, where it differs ("Police nationale d’Haïti (PNH)"). */
  names: z.object({ fr: z.string().min(1).max(120).optional(), ht: z.string().min(1).max(120).optional() }).optional(),
  kind: ActorKind,
  parentId: Id.optional(),
  aliases: z.array(z.string().min(1).max(120)).default([]),
});
export type Actor = z.infer<typeof Actor>;

export const PlaceKind = z.enum([
  'country',
  'department',
  'arrondissement',
  'commune',
  'section',
  'locality',
  'neighbourhood',
  'route',
  'site',
  'foreign',
]);
export type PlaceKind = z.infer<typeof PlaceKind>;

export const Place = z.object({
  id: Id,
  name: z.string().min(1).max(120),
  names: z.object({ fr: z.string().optional(), ht: z.string().optional(), en: z.string().optional() }).default({}),
  aliases: z.array(z.string().min(1).max(120)).default([]),
  kind: PlaceKind,
  parentId: Id.nullable(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  coordPrecision: z.enum(['exact', 'approximate', 'centroid']),
  coordSource: z.string().min(1).max(200),
});
export type Place = z.infer<typeof Place>;

export const EventCategory = z.enum([
  'clash',
  'attack',
  'kidnapping',
  'assassination',
  'deployment',
  'political',
  'agreement',
  'statement',
  'protest',
  'humanitarian',
  'other',
]);
export type EventCategory = z.infer<typeof EventCategory>;

export const Confidence = z.enum(['confirmed', 'reported', 'disputed', 'retracted']);
export type Confidence = z.infer<typeof Confidence>;

export const TimePrecision = z.enum(['datetime', 'day', 'month', 'year']);

export const EventPlace = z.object({
  /** Gazetteer id; absent when the place is not in the gazetteer (kept by its words and point). */
  placeId: Id.optional(),
  /** The words the source used. */
  text: z.string().min(1).max(200),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  geoPrecision: z.enum(['exact', 'locality', 'commune', 'department', 'country', 'unknown']),
});

/** A person a record names, as the record describes them. */
export const Person = z.object({
  name: z.string().min(1).max(120),
  /** "President of Haiti", "MSS spokesperson". */
  role: z.string().min(1).max(120).optional(),
});
export type Person = z.infer<typeof Person>;

/** An event's text in another language, written by a person: never machine-translated. */
export const EventTranslation = z.object({
  summary: z.string().min(1).max(1000),
  details: z.string().max(4000).optional(),
  /** The place's words, for a place outside the gazetteer ("MSS statement (no place)"). */
  place: z.string().min(1).max(200).optional(),
});
export type EventTranslation = z.infer<typeof EventTranslation>;

export const Event = z
  .object({
    id: Id,
    /** Local civil date or ISO date-time; `timePrecision` says how much of it is known. */
    occurredAt: PartialDate,
    timePrecision: TimePrecision,
    reportedAt: DateTime,
    place: EventPlace,
    category: EventCategory,
    subCategory: z.string().max(80).optional(),
    actors: z.array(Id).default([]),
    /** People the record names (victims, officials, spokespeople), so questions can name them. */
    people: z.array(Person).max(50).optional(),
    casualties: z.array(Casualty).default([]),
    summary: z.string().min(1).max(1000),
    details: z.string().max(4000).optional(),
    /**
     * The summary (and details) translated by hand, by language; answers in that language show
     * them marked as a translation. An edit of the summary or details drops them.
     */
    translations: z
      .object({ en: EventTranslation.optional(), fr: EventTranslation.optional(), ht: EventTranslation.optional() })
      .strict()
      .optional(),
    sources: z.array(Source).min(1, 'an event needs at least one source'),
    confidence: Confidence,
    claims: z.array(Claim).default([]),
  })
  .refine((e) => e.confidence !== 'disputed' || e.claims.some((c) => c.standing === 'contested'), {
    message: 'a disputed event needs at least one contested claim',
    path: ['claims'],
  });
export type Event = z.infer<typeof Event>;
export type EventInput = z.input<typeof Event>;

export const Comparator = z.enum(['exact', 'at-least', 'more-than', 'about', 'up-to']);

/** One observation of a figure; observations with the same `key` form a series. */
export const Indicator = z.object({
  key: Id,
  label: z.string().min(1).max(120),
  group: z.enum(['personnel', 'countries', 'humanitarian', 'security']),
  value: z.number().nullable(),
  comparator: Comparator,
  unit: z.enum(['people', 'percent', 'countries']),
  /** Other words for the figure (any language), so a question can name it: "déplacés", "moun deplase". */
  aliases: z.array(z.string().min(1).max(120)).max(30).optional(),
  /** For list figures (countries): the members. */
  items: z.array(z.string().min(1)).optional(),
  /** A figure that counts casualties ("people killed in gang violence in 2024"): their kind, so questions about them reach it. */
  casualtyKind: CasualtyKind.optional(),
  asOf: PartialDate,
  source: Source,
  note: z.string().max(300).optional(),
  /** When this observation was published; digests report changes by it. */
  reportedAt: DateTime,
});
export type Indicator = z.infer<typeof Indicator>;
