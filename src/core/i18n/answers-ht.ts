import type { answersEn } from './answers-en.ts';

/** Mo repons dirèk yo bay pou kesyon yo (src/core/answers). */
export const answersHt: Record<keyof typeof answersEn, string> = {
  'answer.title':
    '{intent, select, figure {Chif} casualties {Viktim} people {Kiyès} event {{asked, select, when {Kilè} where {Ki kote} other {Kiyès}}} claim {Sa nou verifye} other {Repons}}',
  'answer.source': 'sous: {sources}',
  'answer.figure': '{label}: {value} (jiska {asOf}; {source}).',
  'answer.figure-differ': '{label}: sous yo pa dakò: {values} (jiska {asOf}).',
  'answer.figures': 'Chif',
  'answer.figures-about': 'Chif sou {place}',
  'answer.no-figure': 'Sitrep pa gen okenn chif sou sa.',
  'answer.noun':
    '{n, plural, other {{group, select, mss {manm MSS} police {polisye} gang {manm gang} civilian {sivil} military {sòlda} other {moun}}}}',
  // `group` is for languages whose words agree with the noun (French).
  'answer.kind':
    '{group, select, other {{n, plural, other {{kind, select, killed {mouri} injured {blese} missing {disparèt} other {kaptire}}}}}}',
  'answer.count': '{value} {noun} {kind}',
  'answer.count-none': '{noun} ki {kind}, kantite a pa konnen',
  'answer.count-unknown': '{noun} {kind}: {value}',
  'answer.casualties': '{scope}{counts}{actor}{latest}.',
  'answer.all-casualties': 'Viktim pa gwoup',
  'answer.more-totals': '{count, number} lòt total pi ba',
  'answer.timeline-count': '{count, plural, other {# evènman anrejistre}}{scope}{latest}.',
  'answer.timeline-none': 'Pa gen okenn evènman ki anrejistre{scope}.',
  'answer.timeline-newest': 'Dènye anrejistreman{scope}: {when} ({place}; {source}).',
  'answer.no-count-of': 'Pa gen okenn kantite ki anrejistre pou: {actor}.',
  'answer.latest': ', dènye a {when} ({place}; {source})',
  'answer.no-casualties': '{scope}Sitrep pa gen okenn rapò sou {noun} ki {kind}{actor}.',
  'answer.in-place': 'nan {place}',
  'answer.in-period': '{period}',
  'answer.scope': '{scope}: ',
  'answer.of-actor': ' ({actors})',
  'answer.casualty-who': '{count}: {who} ({when}, {place}; {source}).',
  'answer.person':
    '{name}{role}: non li parèt nan {count, plural, one {# rapò} other {# rapò}}; dènye a, {when}: {summary} ({source}).',
  'answer.role': ' ({role})',
  'answer.no-records': 'Pa gen anyen ki anrejistre sou sa{scope}.',
  'answer.event-when': '{when}: {summary} ({place}; {source}).',
  'answer.event-where': '{place}: {summary} ({when}; {source}).',
  'answer.event-who': 'Moun ak gwoup rapò evènman ({category}) {when} nan {place} nonmen: {who} ({source}).',
  'answer.verdict': '{verdict, select, yes {Wi} no {Non} other {Konteste}}: {statement}',
  'answer.claim-place': 'evènman ({category}) {when} an anrejistre nan {place} ({source}).',
  'answer.claim-period': 'evènman ({category}) nan {place} an anrejistre nan dat {when} ({source}).',
  'answer.claim-disputed': 'sous yo pa dakò sou evènman ({category}) {when} an:',
  'answer.records': 'Rapò yo',
  'answer.more-records':
    '{count, plural, one {# lòt rapò koresponn} other {# lòt rapò koresponn}}; /timeline ap ba ou yo.',
  'answer.footer': 'Repons Sitrep · lè {zone}',
};
