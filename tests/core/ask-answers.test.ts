/**
 * The answers to the questions the issue quotes, and their French and Creole forms: the lead
 * sentence (the view's summary, the first thing every platform shows) says the right thing:
 * the number, its date and source, the correction or the dispute with both sources.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import { timeline } from '../../src/core/timeline.ts';
import type { View } from '../../src/core/view.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

const services = await createTestServices();

/** [question, what the lead must say (each pattern), the records it must list]. */
const ANSWERS: Array<[string, RegExp[], string[]?]> = [
  [
    'how many officers are deployed',
    [
      /^Kenyan police deployed: at least 800 \(as of Mar 2025; source: Seed news report/,
      /MSS personnel expected in total: 2,500/,
    ],
  ],
  [
    'combien de policiers kényans sont déployés ?',
    [
      /^Policiers kényans déployés\s:\sau moins 800 \(état\s:\smars 2025\s;\ssource\s:\s/,
      /Effectif total attendu de la MSS\s:\s2\s500/,
    ],
  ],
  ['konbyen polisye Kenya ki deplwaye?', [/^Polisye Kenya ki deplwaye: omwen 800 \(jiska mas 2025; sous: /]],
  [
    'which countries pledged troops',
    [/^Countries pledging police or soldiers: 6: Bahamas, Guatemala, Bangladesh, Barbados, Benin, Chad/],
  ],
  ['quels pays ont promis des troupes ?', [/: 6\s:\sBahamas, Guatemala, Bangladesh, Barbade, Bénin, Tchad/]],
  [
    'how many people displaced in Haiti',
    [/^People displaced by the violence: more than 1,000,000 \(as of Mar 2025; source: UN migration agency \(IOM\)/],
  ],
  ['konbyen moun ki deplase?', [/^Moun vyolans lan fè deplase: plis pase 1 000 000/]],
  // Both sources' figures, each with its source: the report's 5,500 and the UN's 5,601.
  [
    'how many people were killed in gang violence in 2024',
    [
      /^People killed in gang violence in 2024: sources differ: more than 5,500 \(Seed news report[^)]*\)\); 5,601 \(UN count, United Nations figure/,
    ],
  ],
  // Casualties asked of a year with no report of its own: the national count of the year is said.
  [
    'how many killed in 2024',
    [
      /^2024: Sitrep holds no report of people killed\. People killed in gang violence in 2024: sources differ: more than 5,500/,
    ],
  ],
  [
    'combien de personnes tuées en 2024 ?',
    [/^2024\s:\sSitrep n’a aucun rapport de personnes tuées\. Personnes tuées par la violence des gangs en 2024/],
  ],
  // A count of the whole country says nothing of one place, group or year.
  ['how many MSS members were killed in 2024', [/^2024: Sitrep holds no report of MSS members killed\.$/]],
  ['how many were killed in 2023', [/^2023: Sitrep holds no report of people killed\.$/]],
  // A question answered with a list of events leads with how many match and the newest.
  [
    'how many attacks in March 2025?',
    [/^2 events recorded \(from 1 Mar 2025, to 31 Mar 2025, attack\), the latest on 25 Mar 2025, 16:30 \(Carrefour/],
  ],
  [
    'combien d’attaques en mars 2025 ?',
    [
      /^2 événements enregistrés \(depuis le 1er mars 2025, jusqu’au 31 mars 2025, attaque\), le plus récent le 25 mars/,
    ],
  ],
  // A single day is said as one: "on 25 Mar 2025", not "from 25 Mar 2025, to 25 Mar 2025".
  ['what happened on 25 March 2025?', [/^1 event recorded \(on 25 Mar 2025\), the latest on 25 Mar 2025, 16:30/]],
  ['qu’est-ce qui s’est passé le 25 mars 2025 ?', [/^1 événement enregistré \(le 25 mars 2025\)/]],
  ['konbyen kidnapin an 2025?', [/^Pa gen okenn evènman ki anrejistre \(/]],
  ['what did Viv Ansanm do?', [/^No event recorded \(Viv Ansanm\)\./]],
  // The gangs and each gang are overlapping sets: the newest is said, not a count.
  ['what did the gangs do?', [/^Newest record \(Armed gangs\): 25 Mar 2025, 16:30 \(Carrefour Paye–Savien/]],
  // A contingent with no count of its own: said, with the figure that lists its country.
  [
    'how many Jamaican soldiers are there?',
    [
      /^No count is recorded for the MSS Jamaican contingent\. Countries with personnel present: at least 4: Kenya, Jamaica,/,
    ],
  ],
  [
    'combien de soldats jamaïcains ?',
    [/^Aucun effectif enregistré pour\s:\sContingent jamaïcain de la MSS\. .*Kenya, Jamaïque, Belize, Salvador/],
  ],
  ['what share of Port-au-Prince do gangs control?', [/^Share of Port-au-Prince under gang control: more than 85 %/]],
  [
    'how many Kenyans were killed',
    [/^1 MSS member killed \(MSS Kenyan police contingent\), the latest on 23 Feb 2025 \(Ségur-Savien/],
    ['2025-02-23-kaetuai-killed'],
  ],
  [
    'combien de Kényans ont été tués ?',
    [/^1 membre de la MSS tué \(Contingent de police kényan de la MSS\), le plus récent le 23 févr\. 2025/],
  ],
  ['konbyen Kenyen ki mouri?', [/^1 manm MSS mouri \(Kontenjan polis kenyen MSS la\), dènye a 23 fevriye 2025/]],
  // The mission's casualties are its contingents' too, as /status counts them.
  [
    'how many MSS casualties?',
    [
      /^1 MSS member killed; 1 MSS member injured \(1 from disputed reports\); 1 MSS member missing \(1 from disputed reports\)/,
    ],
  ],
  ['when was the Pont-Sondé ambush?', [/^25 Mar 2025, 16:30: attack \(Carrefour Paye–Savien main supply route/]],
  // A report with no number is unknown, never 0; the disputed part is said.
  ['how many gang members were killed?', [/^Gang members killed: unknown \(1 report\) \(from disputed reports\)/]],
  [
    'how many were injured in Kenscoff in March?',
    [/^In Kenscoff, Mar 2025: 1 MSS member injured \(1 from disputed reports\), the latest on 18 Mar 2025/],
  ],
  ['how many civilians were killed in Kenscoff?', [/^In Kenscoff: Sitrep holds no report of civilians killed\.$/]],
  [
    'who is missing?',
    [
      /^1 MSS member missing: Kenyan officer unaccounted for.*\(25 Mar 2025, 16:30, Carrefour Paye–Savien main supply route, Saint-Marc, Artibonite; source: MSS statement/,
    ],
    ['2025-03-25-pont-sonde-ambush'],
  ],
  ['qui est porté disparu ?', [/^1 membre de la MSS porté disparu : Kenyan officer unaccounted for/]],
  ['kiyès ki disparèt?', [/^1 manm MSS disparèt: Kenyan officer unaccounted for/]],
  [
    'who is Ombaka?',
    [/^Jack Ombaka \(MSS spokesperson\): named in 1 record; the latest, 18 Mar 2025: A Kenyan MSS officer is shot/],
    ['2025-03-18-kenyan-officer-shot'],
  ],
  ['when did Ariel Henry resign', [/^Apr 2024: Acting Prime Minister Ariel Henry resigns/]],
  [
    'when was president Moïse assassinated?',
    [/^7 Jul 2021: President Jovenel Moïse is assassinated/, /Date \(superseded\): 2023 — Seed news report/],
  ],
  // The record's hand translation, marked as one.
  [
    'kilè yo te touye Moïse?',
    [/^7 jiyè 2021: Yo asasinen prezidan Jovenel Moïse ; .* \(tradiksyon\) \(Pétion-Ville/, /Dat \(depase\): 2023/],
  ],
  [
    'where was Kaetuai killed?',
    [/^Ségur-Savien, Saint-Marc, Artibonite: Kenyan Constable Samuel Tompoi Kaetuai is shot dead/],
  ],
  [
    'Moise assassination in 2023',
    [/^No: the assassination at Pétion-Ville, Ouest is recorded on 7 Jul 2021/, /2023 — Seed news report/],
  ],
  ['asasina Moïse an 2023?', [/^Non: evènman \(asasina\) nan Pétion-Ville, Ouest an anrejistre nan dat 7 jiyè 2021/]],
  [
    'was the Pont-Sondé ambush in Port-au-Prince?',
    [
      /^No: the attack of 25 Mar 2025, 16:30 is recorded at Carrefour Paye–Savien main supply route, Saint-Marc, Artibonite \(source: MSS statement/,
      /Place \(superseded\): "Port-au-Prince's Pont-Sondé area" — Seed news report/,
      /about 95 km \(60 miles\) north of Port-au-Prince/,
    ],
  ],
  [
    "l'embuscade de Pont-Sondé était-elle à Port-au-Prince ?",
    [/^Non : l’événement \(attaque\) du 25 mars 2025, 16:30 est situé à Carrefour Paye–Savien/, /Lieu \(dépassé\)/],
  ],
  [
    'èske anbiskad Pon Sonde a te nan Pòtoprens?',
    [/^Non: evènman \(atak\) 25 mas 2025, 16:30 an anrejistre nan Carrefour Paye–Savien/, /Kote \(depase\)/],
  ],
  // The disputed placement: both sources, neither settled.
  [
    'was the Kenyan officer shot in Kenscoff?',
    [
      /^Disputed: sources disagree on the attack of 18 Mar 2025:/,
      /Belot area, Kenscoff .* — MSS spokesperson Jack Ombaka/,
      /Pont-Sondé, Artibonite — Seed news report/,
    ],
  ],
];

const lead = (view: View) => view.summary ?? '';

describe('answers lead with the one thing asked', () => {
  it.each(ANSWERS)('"%s"', async (question, patterns, records) => {
    const view = await ask(services, question, TEST_NOW);
    for (const pattern of patterns) expect(lead(view)).toMatch(pattern);
    if (records) expect(view.sections.flatMap((s) => s.items ?? []).map((i) => i.id)).toEqual(records);
    // How the question was read comes last.
    expect(view.sections.at(-1)?.fields?.[0]?.label).toMatch(/^(Understood|Compris|Nou konprann)$/);
  });

  it('a place question about Port-au-Prince reaches the share under gang control', async () => {
    const view = await ask(services, 'what happened in Port-au-Prince?', TEST_NOW);
    const figures = view.sections.find((s) => s.heading === 'Figures about Port-au-Prince');
    expect(figures?.fields?.[0]).toMatchObject({
      label: 'Share of Port-au-Prince under gang control',
      value: 'more than 85 %',
    });
    expect(view.sections.indexOf(figures as never)).toBe(0);
  });

  it('the future: nothing is recorded after the newest record, in the asker’s language', async () => {
    await expect(ask(services, 'what will happen in Pont-Sondé next week?', TEST_NOW)).rejects.toThrow(
      /nothing is recorded after 25 Mar 2025/,
    );
    await expect(ask(services, 'sa k ap pase Kenscoff semèn pwochèn?', TEST_NOW)).rejects.toMatchObject({
      code: 'future-after',
      params: { newest: '18 mas 2025' },
    });
  });

  it.each([
    'what did the MSS do in March 2025',
    "qu'a fait la MSS en mars 2025 ?",
    'kisa MSS la te fè nan mwa mas 2025?',
  ])('the mission includes its Kenyan contingent: "%s"', async (question) => {
    const view = await ask(services, question, TEST_NOW);
    const ids = view.sections.flatMap((s) => s.items ?? []).map((i) => i.id);
    // The 18 and 30 March records name only the contingent (mss-kenya), the others the mission.
    expect(ids).toEqual([
      '2025-03-30-search-continues',
      '2025-03-26-mss-statement-missing-officer',
      '2025-03-25-pont-sonde-ambush',
      '2025-03-18-kenyan-officer-shot',
    ]);
    const mission = await timeline(services, { actor: 'mss', from: '2025-03-01', to: '2025-03-31' }, TEST_NOW);
    expect(mission.sections.flatMap((s) => s.items ?? []).map((i) => i.id)).toEqual(ids);
  });

  it('an old newest record is said with its date and age', async () => {
    const view = await ask(services, 'how many Kenyans were killed', new Date('2025-11-30T12:00:00Z'));
    expect(view.footer).toMatch(/^Newest record: 23 Feb 2025 \(9 months ago\)/);
    const fresh = await ask(services, 'how many Kenyans were killed', new Date('2025-02-25T12:00:00Z'));
    expect(fresh.footer).not.toMatch(/Newest record/);
  });
});
