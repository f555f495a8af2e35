/**
 * How much of each item a rendered answer shows, from most to least. The renderer takes the
 * first level whose message fits Discord's limits; the last one fits a full page of 25 events
 * with the longest texts the schema allows.
 */
export interface Detail {
  summary: number;
  title: number;
  /** 0: the place line is left out. */
  place: number;
  publisher: number;
  text: number;
  claims: number;
  claimLength: number;
  sources: number;
  links: boolean;
  sourceTitles: boolean;
}

/** From most to least detailed; the renderer takes the first that fits. */
export const DETAIL: Detail[] = [
  {
    summary: 4000,
    title: 1000,
    place: 120,
    publisher: 80,
    text: 600,
    claims: 5,
    claimLength: 300,
    sources: 5,
    links: true,
    sourceTitles: true,
  },
  {
    summary: 1500,
    title: 400,
    place: 120,
    publisher: 80,
    text: 250,
    claims: 3,
    claimLength: 150,
    sources: 3,
    links: true,
    sourceTitles: false,
  },
  {
    summary: 600,
    title: 250,
    place: 100,
    publisher: 80,
    text: 100,
    claims: 2,
    claimLength: 100,
    sources: 3,
    links: true,
    sourceTitles: false,
  },
  {
    summary: 300,
    title: 150,
    place: 80,
    publisher: 80,
    text: 0,
    claims: 2,
    claimLength: 80,
    sources: 2,
    links: true,
    sourceTitles: false,
  },
  {
    summary: 200,
    title: 100,
    place: 60,
    publisher: 80,
    text: 0,
    claims: 1,
    claimLength: 60,
    sources: 2,
    links: false,
    sourceTitles: false,
  },
  {
    summary: 150,
    title: 70,
    place: 40,
    publisher: 80,
    text: 0,
    claims: 0,
    claimLength: 0,
    sources: 1,
    links: false,
    sourceTitles: false,
  },
  {
    summary: 100,
    title: 50,
    place: 0,
    publisher: 40,
    text: 0,
    claims: 0,
    claimLength: 0,
    sources: 1,
    links: false,
    sourceTitles: false,
  },
];
