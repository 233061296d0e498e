// General English words the rules rely on. Nothing here names a particular conflict, place or person:
// knowledge of the world lives in data/ (aliases, gazetteer).

/** Verbs and phrases that attribute speech, in the forms wire copy uses. */
export const SPEECH_VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'wrote', 'writes', 'stated', 'states', 'declared', 'warned',
  'announced', 'explained', 'noted', 'asked', 'replied', 'insisted', 'tweeted', 'posted', 'claimed', 'continued',
  'urged', 'argued', 'acknowledged', 'confirmed', 'denied', 'described', 'characterized', 'characterised', 'called',
  'condemned', 'criticized', 'criticised', 'complained', 'vowed', 'pledged', 'promised', 'threatened', 'stressed',
  'emphasized', 'emphasised', 'read', 'reads', 'saying', 'according to', 'issued a statement saying', 'in a statement',
];

/** Nouns naming a person by what they do; a phrase ending in one is an (often anonymous) person. */
export const PERSON_NOUNS = new Set(
  'official officials spokesman spokeswoman spokesperson spokespeople source sources diplomat diplomats commander commanders officer officers analyst analysts resident residents witness witnesses minister ministers adviser advisers advisor envoy ambassador president vice-president premier chief leader leaders secretary senator lawmaker lawmakers governor mayor general colonel doctor doctors medic medics aide aides member members negotiator negotiators activist activists journalist reporter correspondent researcher expert experts man woman men women mother father soldier soldiers fighter fighters militant militants coordinator coordinators director head manager chairman chairwoman nurse nurses villager villagers farmer farmers driver teacher student worker workers shopkeeper trader elder elders administrator representative survivor survivors relative relatives neighbour neighbor'.split(' '),
);

/** Words of a role or title (capitalised in running text before a name). */
export const ROLE_WORDS = new Set(
  'president vice prime minister secretary deputy assistant press chief spokesman spokeswoman spokesperson general gen lieutenant lt colonel col major maj captain capt commander cmdr admiral adm brigadier brig sergeant sgt ambassador envoy senator sen representative rep governor gov mayor director head leader chairman chair king queen prince sheikh ayatollah pope foreign defence defense interior senior special national security state undersecretary attorney justice judge dr mr mrs ms prof professor'.split(' '),
);

/** Military ranks and honorifics: part of how a person is named, not of their role. */
export const RANKS = new Set(
  'gen. gen brig. brig lt. lt col. col maj. maj capt. capt cmdr. cmdr adm. adm sgt. sgt cpl. cpl pvt. pvt mr. mr mrs. mrs ms. ms dr. dr prof. prof sen. sen rep. rep gov. gov maj. gen. lt. gen.'.split(' '),
);

/** Nouns that make a capitalised phrase an organisation. */
export const ORGANIZATION_WORDS = new Set(
  'command ministry department government forces force army navy military police council party agency office committee group brigade brigades militia militias front movement organization organisation union coalition administration authority authorities guard corps service services embassy parliament cabinet court agency network statement factions faction'.split(' '),
);

/** Name particles that stay lower-case inside personal names. */
export const NAME_PARTICLES = /^(?:al|el|bin|ibn|bint|abu|de|da|di|du|van|von|der|la|le|dos|das)(?:-|$)/;

/** Titles and ranks written with a full stop that ends no sentence: "Dr. Ibrahim Adam", "Brig. Gen. Pat Ryder". */
export const TITLE_ABBREVIATIONS = ['Dr', 'Mr', 'Mrs', 'Ms', 'Gen', 'Brig', 'Col', 'Lt', 'Maj', 'Capt', 'Cmdr', 'Adm', 'Sgt', 'Cpl', 'Pvt', 'Sen', 'Rep', 'Gov', 'Pres', 'Prof', 'St', 'Jr', 'Sr', 'No', 'Mt', 'Ft'];

/** Other words abbreviated with a full stop in running text. */
export const OTHER_ABBREVIATIONS = ['vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'dept', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'u.n', 'e.g', 'i.e', 'a.m', 'p.m'];

/** A title abbreviation or an initial ("U.", "S."), as a pattern. */
export const ABBREVIATION = `(?:\\b(?:${TITLE_ABBREVIATIONS.join('|')})\\.|\\b\\p{Lu}\\.)`;

/** Nouns that refer back to a group named before: "the group said", "the ministry added". */
export const GROUP_ANAPHORS = new Set('group militia movement organisation organization rebels ministry army military government agency mission alliance coalition council party force forces'.split(' '));

export const PRONOUNS: Record<string, 'person' | 'group'> = { he: 'person', she: 'person', they: 'group', it: 'group' };
