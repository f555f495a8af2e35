/** French words of the sources and leads (keys and placeholders as in intake-en.ts). */
import type { intakeEn } from './intake-en.ts';

export const intakeFr: Record<keyof typeof intakeEn, string> = {
  'sources.title': 'Sources',
  'sources.none': 'Aucune source. Ajoutez-en une : /sources add <url>.',
  'sources.item': '#{id} {kind} · toutes les {minutes} min',
  'sources.delivered': 'dernière livraison {when}',
  'sources.never': 'rien livré pour l’instant',
  'freshness.sources': 'Sources : {list}',
  'freshness.source': '{host} : {state}',
  'freshness.source-paused': 'en pause',
  'freshness.source-failing-since': 'en échec depuis le {since}',
  'sources.next': 'prochaine consultation {when}',
  'sources.failing': '{count, plural, one {# échec} other {# échecs}} de suite depuis le {since}, dernier : {error}',
  'sources.paused': 'En pause : {reason}',
  'sources.paused-by': 'mise en pause par {who}',
  'sources.triage': 'Les pistes sont publiées dans le salon de tri ci-dessous.',
  'sources.triage-heading': 'Salon de tri',
  'sources.triage-platform': '{platform, select, discord {Discord} slack {Slack} other {Console}}',
  'sources.no-triage':
    'Pas encore de salon de tri : lancez /sources triage-channel dans le salon qui doit recevoir les pistes.',
  'sources.footer': 'Heures en {zone}.',
  'sources.added': '{added, select, yes {Source ajoutée} other {Déjà une source}} : #{id}',
  'sources.done': 'Source #{id} {verb, select, remove {retirée} pause {mise en pause} other {reprise}}.',
  'sources.triage-title': 'Salon de tri',
  'sources.triage-set':
    'Les nouvelles pistes seront publiées dans ce salon, en {language}, avec les boutons Enregistrer, Ajouter à un événement et Écarter.',
  'sources.triage-waiting':
    '{more, plural, =0 {{shown, plural, =0 {Aucune piste n’attend de tri pour l’instant.} one {La piste en attente est publiée ici aussi.} other {Les # pistes en attente sont publiées ici aussi.}}} one {Des pistes en attente, les {shown} plus récentes sont publiées ici aussi ; /leads liste l’autre.} other {Des pistes en attente, les {shown} plus récentes sont publiées ici aussi ; /leads liste les # autres.}}',
  'sources.triage-waiting-here':
    '{more, plural, =0 {{shown, plural, one {La piste en attente est déjà dans ce salon.} other {Les # pistes en attente sont déjà dans ce salon.}}} other {Les {shown} pistes en attente les plus récentes sont déjà dans ce salon ; /leads les liste toutes.}}',
  'leads.title': 'Pistes en attente de tri',
  'leads.none': 'Aucune piste n’attend de tri.',
  'leads.more-waiting':
    '{count, plural, one {# piste plus ancienne attend aussi le tri sans être publiée ici : elle figure dans /leads.} other {# pistes plus anciennes attendent aussi le tri sans être publiées ici : elles figurent dans /leads.}}',
  'leads.count': '{count, plural, one {# piste attend le tri.} other {# pistes attendent le tri.}}',
  'leads.newest': 'Les plus récentes d’abord',
  'leads.page': 'Page {page}',
  'leads.footer': 'Heures en {zone}. Une piste n’est pas un événement tant qu’un rapporteur ne l’a pas enregistrée.',
  'lead.title': 'Piste n° {id} : {title}',
  'lead.read': 'Lu : {what}',
  'lead.likely': 'Probablement l’événement enregistré {id} ({why})',
  'lead.why':
    '{part, select, same_place {même lieu} place_inside {un lieu dans l’autre} same_department {même département} same_day {même jour} days_apart {{days, plural, one {# jour d’écart} other {# jours d’écart}}} same_category {même catégorie} other {semblable}}',
  'lead.nearby': 'Événements récents à proximité : {ids}',
  'lead.also': 'Aussi chez {publishers}',
  'lead.edited': 'Modifiée à la source (révision {revision})',
  'lead.decided':
    '{state, select, recorded {Enregistrée comme événement {event}} attached {Ajoutée à l’événement {event} {how, select, conflict {comme version contraire} other {comme source supplémentaire}}} other {Écartée}} par {who}, {when}.',
  'lead.state':
    '{state, select, new {nouvelle} posted {en attente} recorded {enregistrée} attached {ajoutée à un événement} other {écartée}}',
  'lead.footer': 'Piste n° {id} · {state} · heures en {zone}',
  'lead.buttons-note': 'Enregistrez-la comme événement, ajoutez-la à un événement, ou écartez-la.',
  'button.lead-record': 'Enregistrer',
  'button.lead-attach': 'Ajouter à un événement',
  'button.lead-dismiss': 'Écarter',
  'freshness.source-failing': 'La source n° {id} ({host}) échoue depuis le {since} : {error}',
  'sources.none-console': 'Aucune source. Ajoutez-en une : sitrep sources add <url>.',
  'poll.none': 'Aucune source à consulter.',
  'poll.watching': 'Consultation des sources à leur échéance ; arrêtez avec Ctrl-C.',
  'poll.failed': '#{id} en échec : {reason}{paused, select, yes { (en pause)} other {}}',
  'poll.unchanged': '#{id} inchangée depuis la dernière consultation',
  'poll.events':
    '#{id} {created, plural, one {# nouvel événement} other {# nouveaux événements}}, {updated} mis à jour, {unchanged} inchangés',
  'poll.leads':
    '#{id} {created, plural, one {# nouvelle piste} other {# nouvelles pistes}}, {updated} mises à jour, {joined} jointes à d’autres, {unchanged} déjà vues',
};
