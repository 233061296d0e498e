// A corpus generator for benchmarks: realistic news articles made by recombining sentence patterns with names,
// places (from data/gazetteer.yaml), numbers and dates. Seeded, so the same arguments give the same corpus.
//   npx tsx bench/generate.ts OUT_DIR COUNT [SEED]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** mulberry32: small, fast, good enough to vary text. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const root = path.resolve(import.meta.dirname, '..');

/** The places of the gazetteer (the keys of its `places:` map): the generated corpus is about places sitrep knows. */
function gazetteerPlaces(): string[] {
  const data = parse(readFileSync(path.join(root, 'data', 'gazetteer.yaml'), 'utf8')) as { places?: Record<string, { kind?: string }> };
  return Object.entries(data.places ?? {}).filter(([, place]) => place?.kind !== 'country').map(([name]) => name);
}

const FIRST = ['Amal', 'Daniel', 'Fatima', 'Hassan', 'Irina', 'James', 'Leila', 'Maria', 'Omar', 'Samuel', 'Yusuf', 'Olena', 'Kwame', 'Ana'];
const LAST = ['Haddad', 'Okafor', 'Petrenko', 'Rahimi', 'Silva', 'Mensah', 'Novak', 'Karimi', 'Brooks', 'Tanaka', 'Alvarez', 'Kovalenko'];
const ROLES = ['a military spokesman', 'the provincial governor', 'a senior defense official', 'a police spokesperson', 'the interior minister', 'a local council member'];
const ORGS = ['the Defense Ministry', 'the United Nations mission', 'the regional police', 'the army', 'the Red Cross', 'the State Department'];
const GROUPS = ['armed men', 'militants', 'insurgents', 'gunmen', 'government forces', 'rebel fighters'];
const TARGETS = ['checkpoint', 'convoy', 'market', 'military base', 'police station', 'border crossing', 'village'];
const QUOTES = [
  'We will not allow these attacks to continue',
  'The situation remains tense but under control',
  'Our forces responded in self-defense',
  'Civilians must be protected at all times',
  'This was a deliberate attack on unarmed people',
  'We are investigating what happened',
  'Aid convoys cannot reach the area while the fighting goes on',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const OUTLETS = ['Example Wire', 'Daily Ledger', 'Global Report', 'Regional Times', 'Frontline News'];

export interface GeneratedArticle {
  file: string;
  text: string;
}

export function generateArticles(count: number, seed = 1, start = '2023-01-02', weeks = 52): GeneratedArticle[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const places = gazetteerPlaces();
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const articles: GeneratedArticle[] = [];
  for (let i = 0; i < count; i++) {
    const published = new Date(startMs + Math.floor(rand() * weeks * 7) * 86_400_000).toISOString().slice(0, 10);
    const place = pick(places);
    const other = pick(places);
    const killed = 1 + Math.floor(rand() * 30);
    const injured = Math.floor(rand() * 60);
    const day = pick(DAYS);
    const sentences = [
      () => `${capital(pick(GROUPS))} attacked a ${pick(TARGETS)} near ${place} on ${day}, killing ${killed} people, officials said.`,
      () => `At least ${injured} people were wounded in the attack, according to ${pick(ORGS)}.`,
      () => `"${pick(QUOTES)}," said ${person()}, ${pick(ROLES)}.`,
      () => `${person()}, ${pick(ROLES)}, said the ${pick(TARGETS)} had been targeted before.`,
      () => `Fighting was also reported in ${other}, where residents said they heard explosions overnight.`,
      () => `${capital(pick(ORGS))} said ${killed + Math.floor(rand() * 5)} people had been killed since ${day}.`,
      () => `"${pick(QUOTES)}," ${pick(ORGS)} said in a statement on ${day}.`,
      () => `The road between ${place} and ${other} remained closed on ${day}.`,
    ];
    const paragraphs = Array.from({ length: 4 + Math.floor(rand() * 6) }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(sentences)()).join(' '),
    );
    const title = `${capital(pick(GROUPS))} attack ${pick(TARGETS)} near ${place}`;
    const text = `---\ntitle: "${title}"\noutlet: ${pick(OUTLETS)}\npublished: ${published}\n---\n\n${paragraphs.join('\n\n')}\n`;
    articles.push({ file: `${String(i).padStart(6, '0')}.md`, text });
  }
  return articles;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function writeCorpus(dir: string, articles: GeneratedArticle[]): number {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const article of articles) {
    writeFileSync(path.join(dir, article.file), article.text);
    bytes += Buffer.byteLength(article.text);
  }
  return bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, count, seed] = process.argv.slice(2);
  if (!out || !count) {
    console.error('usage: npx tsx bench/generate.ts OUT_DIR COUNT [SEED]');
    process.exit(2);
  }
  const bytes = writeCorpus(out, generateArticles(Number(count), Number(seed ?? 1)));
  console.log(`${count} articles, ${(bytes / 1e6).toFixed(1)} MB in ${out}`);
}
