import type { answersEn } from './answers-en.ts';

/** Les mots des réponses directes aux questions (src/core/answers). */
export const answersFr: Record<keyof typeof answersEn, string> = {
  'answer.title':
    '{intent, select, figure {Chiffre} casualties {Victimes} people {Qui} event {{asked, select, when {Quand} where {Où} other {Qui}}} claim {Affirmation vérifiée} other {Réponse}}',
  'answer.source': 'source : {sources}',
  'answer.figure': '{label} : {value} (état : {asOf} ; {source}).',
  'answer.figure-differ': '{label} : les sources diffèrent : {values} (état : {asOf}).',
  'answer.figures': 'Chiffres',
  'answer.figures-about': 'Chiffres sur {place}',
  'answer.no-figure': 'Sitrep n’a aucun chiffre à ce sujet.',
  'answer.noun':
    '{group, select, mss {{n, plural, one {membre de la MSS} other {membres de la MSS}}} police {{n, plural, one {policier} other {policiers}}} gang {{n, plural, one {membre de gang} other {membres de gangs}}} civilian {{n, plural, one {civil} other {civils}}} military {{n, plural, one {soldat} other {soldats}}} other {{n, plural, one {personne} other {personnes}}}}',
  // Agrees with the noun of the group: « personnes » (other) is feminine.
  'answer.kind':
    '{group, select, mss {{kind, select, killed {{n, plural, one {tué} other {tués}}} injured {{n, plural, one {blessé} other {blessés}}} missing {{n, plural, one {porté disparu} other {portés disparus}}} other {{n, plural, one {capturé} other {capturés}}}}} police {{kind, select, killed {{n, plural, one {tué} other {tués}}} injured {{n, plural, one {blessé} other {blessés}}} missing {{n, plural, one {porté disparu} other {portés disparus}}} other {{n, plural, one {capturé} other {capturés}}}}} gang {{kind, select, killed {{n, plural, one {tué} other {tués}}} injured {{n, plural, one {blessé} other {blessés}}} missing {{n, plural, one {porté disparu} other {portés disparus}}} other {{n, plural, one {capturé} other {capturés}}}}} civilian {{kind, select, killed {{n, plural, one {tué} other {tués}}} injured {{n, plural, one {blessé} other {blessés}}} missing {{n, plural, one {porté disparu} other {portés disparus}}} other {{n, plural, one {capturé} other {capturés}}}}} military {{kind, select, killed {{n, plural, one {tué} other {tués}}} injured {{n, plural, one {blessé} other {blessés}}} missing {{n, plural, one {porté disparu} other {portés disparus}}} other {{n, plural, one {capturé} other {capturés}}}}} other {{kind, select, killed {{n, plural, one {tuée} other {tuées}}} injured {{n, plural, one {blessée} other {blessées}}} missing {{n, plural, one {portée disparue} other {portées disparues}}} other {{n, plural, one {capturée} other {capturées}}}}}}',
  'answer.count': '{value} {noun} {kind}',
  'answer.count-none': '{noun} {kind}, nombre inconnu',
  'answer.count-unknown': '{noun} {kind} : {value}',
  'answer.casualties': '{scope}{counts}{actor}{latest}.',
  'answer.all-casualties': 'Victimes par groupe',
  'answer.more-totals': '{count, plural, one {# autre total ci-dessous} other {# autres totaux ci-dessous}}',
  'answer.timeline-count':
    '{count, plural, one {# événement enregistré} other {# événements enregistrés}}{scope}{latest}.',
  'answer.timeline-none': 'Aucun événement enregistré{scope}.',
  'answer.timeline-newest': 'Enregistrement le plus récent{scope} : {when} ({place} ; {source}).',
  'answer.no-count-of': 'Aucun effectif enregistré pour : {actor}.',
  'answer.latest': ', le plus récent le {when} ({place} ; {source})',
  'answer.no-casualties': '{scope}Sitrep n’a aucun rapport de {noun} {kind}{actor}.',
  'answer.in-place': 'à {place}',
  'answer.in-period': '{period}',
  'answer.scope': '{scope} : ',
  'answer.of-actor': ' ({actors})',
  'answer.casualty-who': '{count} : {who} ({when}, {place} ; {source}).',
  'answer.person':
    '{name}{role} : nommé dans {count, plural, one {# rapport} other {# rapports}} ; le plus récent, {when} : {summary} ({source}).',
  'answer.role': ' ({role})',
  'answer.no-records': 'Sitrep n’a aucun rapport à ce sujet{scope}.',
  'answer.event-when': '{when} : {summary} ({place} ; {source}).',
  'answer.event-where': '{place} : {summary} ({when} ; {source}).',
  'answer.event-who': 'Nommés dans le rapport de l’événement ({category}) du {when} à {place} : {who} ({source}).',
  'answer.verdict': '{verdict, select, yes {Oui} no {Non} other {Contesté}} : {statement}',
  'answer.claim-place': 'l’événement ({category}) du {when} est situé à {place} ({source}).',
  'answer.claim-period': 'l’événement ({category}) à {place} est daté du {when} ({source}).',
  'answer.claim-disputed': 'les sources divergent sur l’événement ({category}) du {when} :',
  'answer.records': 'Rapports',
  'answer.more-records':
    '{count, plural, one {# autre rapport correspond} other {# autres rapports correspondent}} ; /timeline les liste.',
  'answer.footer': 'Réponse de Sitrep · heures de {zone}',
};
