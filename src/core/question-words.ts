/**
 * The words of questions in English, French and Haitian Creole (normalized: no accents, lower
 * case): kinds of event and casualty, groups, question words, and the words no slot may take
 * as a place. Data, not logic: question.ts and question-intent.ts read them.
 */

import type { Language } from './question-types.ts';
import type { CasualtyGroup, CasualtyKind, EventCategory } from './schemas.ts';

export type QuestionKind = CasualtyKind | EventCategory;

/** Words that ask for a kind of event or casualty. */
export const KIND_WORDS: Array<[QuestionKind[], RegExp]> = [
  [['killed', 'injured', 'missing', 'captured'], /^(casualt(y|ies)|victim(s|e|es)?|viktim|bilan)$/],
  [
    ['killed'],
    /^(kill(s|ed|ings?)?|dead|deaths?|died|fatalit(y|ies)|murder(s|ed)?|tue(s|e|es|r)?|morts?|deces|mouri|touye|mo)$/,
  ],
  [['injured'], /^(injur(ed|y|ies)|wounded|hurt|blesse(s|e|es)?|blese)$/],
  [['missing'], /^(missing|disappeared|unaccounted|disparus?|disparues?|disparet|pedi)$/],
  [['captured'], /^(captured|hostages?|otages?|otaj|held)$/],
  [
    ['kidnapping'],
    /^(kidnap(s|ped|ping|pings)?|abduct(ed|ion|ions)|enlevements?|enleve(s)?|kidnapin|kidnape|anlevman)$/,
  ],
  [
    ['attack'],
    /^(attack(s|ed)?|ambush(es|ed)?|shootings?|shot|attaques?|attaque|embuscades?|fusillades?|atak|anbiskad|tire)$/,
  ],
  [['clash'], /^(clash(es)?|fighting|gunfights?|firefights?|affrontements?|combats?|batay|operations?|operasyon)$/],
  [['protest'], /^(protests?|demonstrations?|manifestations?|manifestasyon)$/],
  [['deployment'], /^(deploy(ed|ment|ments)?|deploiements?|deplwaman|arriv(e|ed|al|ee|es)|rive|debarque)$/],
  [['humanitarian'], /^(humanitarian|imanite|humanitaire)$/],
  [['assassination'], /^(assassinat(e|ed|ion|ions)?|asasina|asasinen|assassine)$/],
  [
    ['political'],
    /^(resign(s|ed|ation)?|demission(ne|na|ner)?|demisyone|demisyon|elected|elu|appointed|nomme|resolution)$/,
  ],
  [['agreement'], /^(agreements?|accords?|ako|signed|signe|treaty|traite)$/],
];

/** Words naming a group whose casualties are counted ("civilians", "soldats"). */
export const GROUP_WORDS: Array<[CasualtyGroup, RegExp]> = [
  ['police', /^(police(m[ae]n)?|polici(er|ers|ere|eres)|polis|polisye|cops?|hnp|pnh|ajan polis)$/],
  ['civilian', /^(civilians?|civils?|civiles?|sivil|residents?|habitants?|population)$/],
  ['military', /^(soldiers?|soldats?|solda|military|militaires?|army|armee)$/],
  ['gang', /^(gangs?|gangsters?|bandits?|bandi)$/],
];

/** The casualty group of an actor's kind. */
export const GROUP_OF_ACTOR_KIND: Partial<Record<string, CasualtyGroup>> = {
  mission: 'mss',
  contingent: 'mss',
  police: 'police',
  gang: 'gang',
  civilians: 'civilian',
};

/**
 * Function words and question words of the three languages: never a place, a person or a
 * figure on their own ("Nò" is Nord in Creole, "no" in English).
 */
export const STOP = new Set(
  (
    'a an and at by for from in into near of off on or the to with what whats where when who whom whose how which any there ' +
    'here is are was were be been being do does did has have had will would can could should shall it its they their them ' +
    'he she his her him we us you i me my our your this that these those than then so if not no yes many much more most ' +
    'happened happen happening happens news latest report reports situation about around since until last this past week ' +
    'month year today yesterday tell show give know please now ever also still again just only all some did get got ' +
    'le la les l de du des d et en au aux a dans pres pour sur ou quoi quest ce cette ces qui que quel quelle quels ' +
    'quelles est sont sest passe passes depuis semaine mois annee hier aujourdhui il elle ils elles y un une on ete etait ' +
    'avait ont t fait faire font combien quand comment pourquoi dit moi nous vous leur leurs son sa ses mon ma mes par avec sans tout tous ' +
    'ki sa k kisa kiyes kimoun kile kote nan bo lot ak pou pase jodi ye semen semenn mwa ane depi gen te se yo li mwen ou ' +
    'nou m n l ap pral va vle konbyen poukisa kijan eske tout anpil ankò konnen di ' +
    'to okay ok sant sid nip pech lavil'
  ).split(' '),
);

/** Common words that are also place names: a place only when capitalized mid-sentence. */
export const CAPITALIZED_ONLY = new Set(['no', 'to', 'okay', 'sant', 'sid', 'nip', 'pech', 'lavil', 'haiti']);

/** Words that usually come right before a place. */
export const BEFORE_PLACE = new Set([
  'in',
  'at',
  'near',
  'around',
  'from',
  'a',
  'au',
  'dans',
  'pres',
  'vers',
  'nan',
  'bo',
  'kote',
  'lot',
  'toupre',
]);

/** "near X", "près de X", "bò X": around the place, within a default radius. */
export const NEAR =
  /(?:^| )(near|nearby|around|close to|pres de|pres d|autour de|aux environs de|bo|toupre|ozalantou)$/;

/** The radius "near" means when the question gives none. */
export const NEAR_DEFAULT_KM = 10;

/** Question words, matched on the normalized question padded with spaces. */
export const ASKED_WORDS = {
  howMany:
    / (how many|how much|number of|total|what share|what percentage|what proportion|combien|nombre de|nombre d|quel pourcentage|quelle part|konbyen|kantite) /,
  who: / (who|whom|whose|kiyes|kimoun|ki moun|kiles|c est qui)( |$)|^ qui | qui (est|sont|a|ont|etait|etaient) /,
  when: / (when|quand|kile|ki le|ki dat|what date|quelle date|a quelle date|what day|what year|quelle annee) /,
  where: / (where|ki kote|dans quelle ville|in which town|in what place)( |$)|^ kote /,
  yesNo:
    /^ (was|were|is|are|did|does|do|has|have|had|est ce|eske|es ke|is it true|c est vrai|vrai que|li vre|se vre) | (est il|est elle|sont ils|sont elles|etait il|a t il|a t elle) /,
  name: / (name|names|named|nom|noms|identite|identity) /,
  /** "Que s'est-il passé": a question about what, though French puts the verb first. */
  what: /^ (what|que|quoi|qu|kisa|ki sa|sa) /,
} as const;

/** "Was there an attack…", "y a-t-il…": asking whether anything happened, not checking a named event. */
export const EXISTENTIAL = / (there|any|anything|y a t il|y a|il y a|gen|te gen) /;

/** Correct spellings of the kind words, for reading a misspelt one ("kiled", "assasinated"). */
export const KIND_SPELLINGS = [
  'killed',
  'killing',
  'injured',
  'wounded',
  'missing',
  'kidnapped',
  'kidnapping',
  'kidnappings',
  'attacks',
  'attacked',
  'ambushed',
  'assassinated',
  'assassination',
  'casualties',
  'hostages',
  'enlevements',
  'assassine',
  'disparus',
  'kidnapin',
  'asasinen',
];

/** Phrases about what will happen: Sitrep records the past. */
export const FUTURE =
  / (will|going to|gonna|shall|tomorrow|upcoming|forecast|predict|prediction|next (week|month|year|days)|va se passer|vont|va (y avoir|etre|arriver)|demain|prochaine?s?|a venir|pral|ap pral|pwal|demen|pwochen|pwochenn|kap vini|ki pral|prevoir|prevision) /;

/** Asking for the latest, with nothing narrower. */
export const NEWS =
  / (news|latest|updates?|situation|going on|happening|happened|nouvelles|actualites?|quoi de neuf|se passe|nouvel|nouvel yo|k ap pase|kap pase|sak pase|sa k pase|what s up) /;

/** Words only one of the languages uses often, to tell which the asker writes in. */
export const LANGUAGE_WORDS: Record<Language, Set<string>> = {
  en: new Set(
    'the what how who when where which is are was were did does happened happen many killed people near of last week any news will there in hello hi thanks since past yesterday today ago month year'.split(
      ' ',
    ),
  ),
  fr: new Set(
    'le les des du que qui quoi quand combien est sont ete passe semaine semaines derniere dernier derniers depuis pres dans au aux tues morts blesses personnes il cette ces quel quelle quels ou y sest quest pays policiers policier disparu disparus un une mois jours hier aujourdhui moins nombre bonjour salut merci janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre'.split(
      ' ',
    ),
  ),
  ht: new Set(
    'ki sa k kisa kile konbyen kote nan te yo pase semen semenn mwa gen moun ak pou pral ap bo jodi depi kiyes kimoun touye mouri blese ye li peyi polis atak jou ane avanye asasina asasinen anbiskad deplase disparet deplwaye bonjou mesi janvye fevriye mas me jen jiye out septanm oktob novanm desanm'.split(
      ' ',
    ),
  ),
};

/** Questions that work, for an answer to a question that could not be read. */
export const EXAMPLES: Record<Language, string[]> = {
  en: ['what happened near Pont-Sondé last week?', 'how many Kenyan police are deployed?', 'who is missing?'],
  fr: [
    "que s'est-il passé près de Pont-Sondé la semaine dernière ?",
    'combien de policiers kényans sont déployés ?',
    'qui est porté disparu ?',
  ],
  ht: ['kisa k pase bò Ponsonde semèn pase?', 'konbyen polis kenyen ki deplwaye?', 'kiyès ki disparèt?'],
};

/**
 * Words of figure names mapped to one concept across the languages, so that "déplacés" meets
 * "displaced" and "capital" meets "Port-au-Prince". A word not listed stands for itself.
 */
const CONCEPT_WORDS: Record<string, string> = {};
for (const [concept, words] of Object.entries({
  kill: 'kill killed killing dead death died fatality murder tue tuee mort deces mouri touye mo',
  displace: 'displaced displacement displace idp deplace deplacee deplase refugee refugie',
  people: 'people person personne moun individu',
  country: 'country pays peyi nation',
  pledge: 'pledge pledged pledging promised promise committed promis engage pwomet',
  deploy: 'deploy deployed deployment deploye deplwaye deplwaman arrived present',
  expect: 'expected expect planned attendu prevu prevwa',
  personnel: 'personnel police officer policier polis polisye agent troop staff effectif',
  soldier: 'soldier soldat solda military militaire',
  kenya: 'kenya kenyan kenyen kenyane',
  mss: 'mss mission mmas multinational',
  gang: 'gang bandit bandi gangster',
  violence: 'violence vyolans violent',
  control: 'control controlled controle kontwol',
  share: 'share percent percentage proportion part pourcentage pousantaj',
  capital: 'capital capitale kapital pap potoprens portauprince',
  total: 'total overall',
})) {
  for (const word of words.split(' ')) CONCEPT_WORDS[word] = concept;
}

export function conceptOf(stemmed: string): string {
  return CONCEPT_WORDS[stemmed] ?? stemmed;
}
