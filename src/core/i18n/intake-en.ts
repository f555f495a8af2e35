/**
 * English words of the sources Sitrep polls and the leads they bring for triage: the source
 * list, its state under each answer, the lead posts and their buttons, the poll's report.
 */
export const intakeEn = {
  'sources.title': 'Sources',
  'sources.none': 'No sources. Add one: /sources add <url>.',
  'sources.item': '#{id} {kind} · every {minutes} min',
  'sources.delivered': 'last delivered {when}',
  'sources.never': 'nothing delivered yet',
  'freshness.sources': 'Sources: {list}',
  'freshness.source': '{host} {state}',
  'freshness.source-paused': 'paused',
  'freshness.source-failing-since': 'failing since {since}',
  'sources.next': 'next poll {when}',
  'sources.failing':
    '{count, plural, one {# failed poll} other {# failed polls}} in a row since {since}, last: {error}',
  'sources.paused': 'Paused: {reason}',
  'sources.paused-by': 'paused by {who}',
  'sources.triage': 'Leads are posted in the triage channel below.',
  'sources.triage-heading': 'Triage channel',
  'sources.triage-platform': '{platform, select, discord {Discord} slack {Slack} other {Console}}',
  'sources.no-triage': 'No triage channel yet: run /sources triage-channel in the channel that should get leads.',
  'sources.footer': 'Times in {zone}.',
  'sources.added': '{added, select, yes {Source added} other {Already a source}}: #{id}',
  'sources.done': 'Source #{id} {verb, select, remove {removed} pause {paused} other {resumed}}.',
  'sources.triage-title': 'Triage channel',
  'sources.triage-set':
    'New leads will be posted in this channel, in {language}, with Record, Add to event and Dismiss buttons.',
  'sources.triage-waiting':
    '{more, plural, =0 {{shown, plural, =0 {No lead waits for triage now.} one {The lead waiting now is posted here too.} other {The # leads waiting now are posted here too.}}} one {Of the leads waiting now, the {shown} newest are posted here too; /leads lists the other one.} other {Of the leads waiting now, the {shown} newest are posted here too; /leads lists the # others.}}',
  'sources.triage-waiting-here':
    '{more, plural, =0 {{shown, plural, one {The lead waiting now is already in this channel.} other {The # leads waiting now are already in this channel.}}} other {The {shown} newest leads waiting now are already in this channel; /leads lists them all.}}',
  'leads.title': 'Leads waiting for triage',
  'leads.none': 'No leads wait for triage.',
  'leads.more-waiting':
    '{count, plural, one {# older lead also waits for triage and is not posted here: /leads lists it.} other {# older leads also wait for triage and are not posted here: /leads lists them.}}',
  'leads.count': '{count, plural, one {# lead waits for triage.} other {# leads wait for triage.}}',
  'leads.newest': 'Newest first',
  'leads.page': 'Page {page}',
  'leads.footer': 'Times in {zone}. A lead is not an event until a reporter records it.',
  'lead.title': 'Lead #{id}: {title}',
  'lead.read': 'Read: {what}',
  'lead.likely': 'Likely the recorded event {id} ({why})',
  'lead.why':
    '{part, select, same_place {same place} place_inside {one place inside the other} same_department {same department} same_day {same day} days_apart {{days, plural, one {# day apart} other {# days apart}}} same_category {same category} other {similar}}',
  'lead.nearby': 'Recent events nearby: {ids}',
  'lead.also': 'Also from {publishers}',
  'lead.edited': 'Edited at the source (revision {revision})',
  'lead.decided':
    '{state, select, recorded {Recorded as event {event}} attached {Added to event {event} {how, select, conflict {as a conflicting claim} other {as a further source}}} other {Dismissed}} by {who}, {when}.',
  'lead.state':
    '{state, select, new {new} posted {waiting} recorded {recorded} attached {added to an event} other {dismissed}}',
  'lead.footer': 'Lead #{id} · {state} · times in {zone}',
  'lead.buttons-note': 'Record it as an event, add it to an event, or dismiss it.',
  'button.lead-record': 'Record',
  'button.lead-attach': 'Add to event',
  'button.lead-dismiss': 'Dismiss',
  'freshness.source-failing': 'Source #{id} ({host}) has failed since {since}: {error}',
  'sources.none-console': 'No sources. Add one: sitrep sources add <url>.',
  'poll.none': 'No source to poll.',
  'poll.watching': 'Polling sources as they fall due; stop with Ctrl-C.',
  'poll.failed': '#{id} failed: {reason}{paused, select, yes { (paused)} other {}}',
  'poll.unchanged': '#{id} unchanged since the last poll',
  'poll.events':
    '#{id} {created, plural, one {# new event} other {# new events}}, {updated} updated, {unchanged} unchanged',
  'poll.leads':
    '#{id} {created, plural, one {# new lead} other {# new leads}}, {updated} updated, {joined} joined others, {unchanged} seen before',
} as const;
