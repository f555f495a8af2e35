import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../src/core/places.ts';
import { understandQuestion } from '../../src/core/question.ts';
import { loadSeedData } from '../../src/data/load.ts';

const gazetteer = new Gazetteer(loadSeedData().places);
/** Wednesday 26 March 2025, 11:00 in Haiti. */
const now = new Date('2025-03-26T15:00:00Z');
const context = { gazetteer, now, timeZone: 'America/Port-au-Prince' };

type Row = [question: string, placeId: string | null, from: string | null, until?: string];

const LAST_7_DAYS = ['2025-03-19', '2025-03-26'] as const;
const THIS_WEEK = ['2025-03-24', '2025-03-26'] as const;
const THIS_MONTH = ['2025-03-01', '2025-03-26'] as const;
const FEBRUARY = ['2025-02-01', '2025-02-28'] as const;

const ROWS: Row[] = [
  // English
  ['What happened near Pont Sonde last week?', 'pont-sonde', ...LAST_7_DAYS],
  ['casualties in Artibonite since March 1', 'artibonite', '2025-03-01', '2025-03-26'],
  ['attacks in Kenscoff in February', 'kenscoff', ...FEBRUARY],
  ['what happened in Kenscoff today?', 'kenscoff', '2025-03-26', '2025-03-26'],
  ['news from Cité Soleil yesterday', 'cite-soleil', '2025-03-25', '2025-03-25'],
  ['killed in Martissant this month', 'martissant', ...THIS_MONTH],
  ['kidnappings in Croix-des-Bouquets last month', 'croix-des-bouquets', ...FEBRUARY],
  ['Saint-Marc between March 1 and March 10', 'saint-marc', '2025-03-01', '2025-03-10'],
  ['Carrefour Paye from 18 to 25 March', 'carrefour-paye', '2025-03-18', '2025-03-25'],
  ['Ségur-Savien on 23 February 2025', 'segur-savien', '2025-02-23', '2025-02-23'],
  ['what happened in Port-au-Prince in 2024', 'port-au-prince', '2024-01-01', '2024-12-31'],
  ['Delmas past 3 days', 'delmas', '2025-03-23', '2025-03-26'],
  ['Tabarre last 2 weeks', 'tabarre', '2025-03-12', '2025-03-26'],
  ['Gonaives this week', 'gonaives', ...THIS_WEEK],
  ['Cap-Haitien this year', 'cap-haitien', '2025-01-01', '2025-03-26'],
  ['shooting near Belot on March 18', 'belot', '2025-03-18', '2025-03-18'],
  ['Jacmel since Monday', 'jacmel', '2025-03-24', '2025-03-26'],
  ['Hinche in December', 'hinche', '2024-12-01', '2024-12-31'],
  ['Les Cayes 3 days ago', 'les-cayes', '2025-03-23', '2025-03-23'],
  ['what happened in carrefour?', 'carrefour', null],
  ['anything on RN1 last month', 'rn1', ...FEBRUARY],
  ['incidents at Toussaint Louverture airport this week', 'airport-pap', ...THIS_WEEK],
  ['attacks at the Port of Port-au-Prince', 'port-pap', null],
  ['missing officer near Savien', 'savien', null],
  ['what is happening in Bel Air', 'bel-air', null],
  ['Petit-Goave yesterday', 'petit-goave', '2025-03-25', '2025-03-25'],
  ['Liancourt last week', 'liancourt', ...LAST_7_DAYS],
  ['Verrettes since Feb 1', 'verrettes', '2025-02-01', '2025-03-26'],
  ["Petite-Rivière-de-l'Artibonite in March 2025", 'petite-riviere-de-l-artibonite', ...THIS_MONTH],
  ["L'Estère last week", 'l-estere', ...LAST_7_DAYS],
  // French
  ['attaques à Kenscoff ce mois-ci', 'kenscoff', ...THIS_MONTH],
  ["Que s'est-il passé à Pont-Sondé la semaine dernière ?", 'pont-sonde', ...LAST_7_DAYS],
  ["blessés à Ségur-Savien aujourd'hui", 'segur-savien', '2025-03-26', '2025-03-26'],
  ['enlèvements à Croix-des-Bouquets hier', 'croix-des-bouquets', '2025-03-25', '2025-03-25'],
  ['Saint-Marc depuis le 1er mars', 'saint-marc', '2025-03-01', '2025-03-26'],
  ['Gonaïves en février', 'gonaives', ...FEBRUARY],
  ['Artibonite le mois dernier', 'artibonite', ...FEBRUARY],
  ['Carrefour du 18 au 25 mars', 'carrefour', '2025-03-18', '2025-03-25'],
  ['Pétion-Ville le 23 février 2025', 'petion-ville', '2025-02-23', '2025-02-23'],
  ['Cité Soleil cette semaine', 'cite-soleil', ...THIS_WEEK],
  ['Martissant il y a 3 jours', 'martissant', '2025-03-23', '2025-03-23'],
  ['Delmas cette année', 'delmas', '2025-01-01', '2025-03-26'],
  ['Jérémie ces 7 derniers jours', 'jeremie', ...LAST_7_DAYS],
  ['Miragoâne la semaine passée', 'miragoane', ...LAST_7_DAYS],
  ['Port-au-Prince en 2024', 'port-au-prince', '2024-01-01', '2024-12-31'],
  ["morts à l'Arcahaie en décembre", 'arcahaie', '2024-12-01', '2024-12-31'],
  // Haitian Creole
  ['kisa k pase Ponsonde semèn pase', 'pont-sonde', ...LAST_7_DAYS],
  ['kidnapin nan Kwadebouke jodi a', 'croix-des-bouquets', '2025-03-26', '2025-03-26'],
  ['sa k pase Okap yè', 'cap-haitien', '2025-03-25', '2025-03-25'],
  ['atak nan Kenskòf mwa sa a', 'kenscoff', ...THIS_MONTH],
  ['Tigwav mwa pase', 'petit-goave', ...FEBRUARY],
  ['Sa k ap pase nan Latibonit depi 1ye mas', 'artibonite', '2025-03-01', '2025-03-26'],
  ['Pòtoprens nan mwa fevriye', 'port-au-prince', ...FEBRUARY],
  ['Site Solèy semèn sa a', 'cite-soleil', ...THIS_WEEK],
  ['Gonayiv 18 mas 2025', 'gonaives', '2025-03-18', '2025-03-18'],
  ['Jakmèl ane pase', 'jacmel', '2024-01-01', '2024-12-31'],
  ['Kafou Fèy avanyè', 'carrefour-feuilles', '2025-03-24', '2025-03-24'],
  // Typos, no accents, shouting
  ['attacks in kenscof last week', 'kenscoff', ...LAST_7_DAYS],
  ['killed in Gonaive in February', 'gonaives', ...FEBRUARY],
  ['ponsond today', 'pont-sonde', '2025-03-26', '2025-03-26'],
  ['what happened in Petionvile', 'petion-ville', null],
  ['MARTISANT yesterday', 'martissant', '2025-03-25', '2025-03-25'],
  ['cite soleil', 'cite-soleil', null],
  ['segur savien', 'segur-savien', null],
  ['miragoane', 'miragoane', null],
  ['jeremi last month', 'jeremie', ...FEBRUARY],
  ['Delmas 33 yesterday', 'delmas-33', '2025-03-25', '2025-03-25'],
  // Numeric dates: day first, as written in Haiti
  ['Savien 25/03/2025', 'savien', '2025-03-25', '2025-03-25'],
  ['Savien 03/02/2025', 'savien', '2025-02-03', '2025-02-03'],
  ['Pont-Sondé 2025-03-18', 'pont-sonde', '2025-03-18', '2025-03-18'],
  ['Saint-Marc entre le 1er et le 10 mars', 'saint-marc', '2025-03-01', '2025-03-10'],
  ['what happened in Jacmel on Sunday', 'jacmel', '2025-03-23', '2025-03-23'],
  ['what happened at the airport yesterday', 'airport-pap', '2025-03-25', '2025-03-25'],
  // No single place
  ['what happened last week?', null, ...LAST_7_DAYS],
  ['any news?', null, null],
  ['petite riviere last week', null, ...LAST_7_DAYS],
];

describe('understandQuestion: place and period of a question', () => {
  it('covers at least 60 phrasings', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(ROWS)('"%s" → %s from %s to %s', (question, placeId, from, until) => {
    const understood = understandQuestion(question, context);
    expect(understood.place?.id ?? null).toBe(placeId);
    if (from === null) expect(understood.window).toBeUndefined();
    else expect(understood.window && [understood.window.from, understood.window.until]).toEqual([from, until]);
  });
});
