/** English words of the direct answers to questions (src/core/answers). */
export const answersEn = {
  'answer.title':
    '{intent, select, figure {Figure} casualties {Casualties} people {Who} event {{asked, select, when {When} where {Where} other {Who}}} claim {Claim checked} other {Answer}}',
  'answer.source': 'source: {sources}',
  'answer.figure': '{label}: {value} (as of {asOf}; {source}).',
  'answer.figure-differ': '{label}: sources differ: {values} (as of {asOf}).',
  'answer.figures': 'Figures',
  'answer.figures-about': 'Figures about {place}',
  'answer.no-figure': 'Sitrep holds no figure for this.',
  'answer.noun':
    '{group, select, mss {{n, plural, one {MSS member} other {MSS members}}} police {{n, plural, one {police officer} other {police officers}}} gang {{n, plural, one {gang member} other {gang members}}} civilian {{n, plural, one {civilian} other {civilians}}} military {{n, plural, one {soldier} other {soldiers}}} other {{n, plural, one {person} other {people}}}}',
  // `group` is for languages whose words agree with the noun (French).
  'answer.kind':
    '{group, select, other {{n, plural, other {{kind, select, killed {killed} injured {injured} missing {missing} other {captured}}}}}}',
  'answer.count': '{value} {noun} {kind}',
  'answer.count-none': '{noun} {kind}, number unknown',
  'answer.count-unknown': '{noun} {kind}: {value}',
  'answer.casualties': '{scope}{counts}{actor}{latest}.',
  'answer.all-casualties': 'Casualties by group',
  'answer.more-totals': '{count, plural, one {# more total below} other {# more totals below}}',
  'answer.timeline-count': '{count, plural, one {# event recorded} other {# events recorded}}{scope}{latest}.',
  'answer.timeline-none': 'No event recorded{scope}.',
  'answer.timeline-newest': 'Newest record{scope}: {when} ({place}; {source}).',
  'answer.no-count-of': 'No count is recorded for the {actor}.',
  'answer.latest': ', the latest on {when} ({place}; {source})',
  'answer.no-casualties': '{scope}Sitrep holds no report of {noun} {kind}{actor}.',
  'answer.in-place': 'in {place}',
  'answer.in-period': '{period}',
  'answer.scope': '{scope}: ',
  'answer.of-actor': ' ({actors})',
  'answer.casualty-who': '{count}: {who} ({when}, {place}; {source}).',
  'answer.person':
    '{name}{role}: named in {count, plural, one {# record} other {# records}}; the latest, {when}: {summary} ({source}).',
  'answer.role': ' ({role})',
  'answer.no-records': 'Sitrep holds no record of this{scope}.',
  'answer.event-when': '{when}: {summary} ({place}; {source}).',
  'answer.event-where': '{place}: {summary} ({when}; {source}).',
  'answer.event-who': 'Named in the record of the {category} of {when} at {place}: {who} ({source}).',
  'answer.verdict': '{verdict, select, yes {Yes} no {No} other {Disputed}}: {statement}',
  'answer.claim-place': 'the {category} of {when} is recorded at {place} ({source}).',
  'answer.claim-period': 'the {category} at {place} is recorded on {when} ({source}).',
  'answer.claim-disputed': 'sources disagree on the {category} of {when}:',
  'answer.records': 'Records',
  'answer.more-records':
    '{count, plural, one {# more record matches} other {# more records match}}; /timeline lists them.',
  'answer.footer': 'Sitrep answer · times in {zone}',
} as const;
