// One order for text, and one way to write numbers, whatever the machine's locale: String.localeCompare alone
// follows the user's LANG (in Swedish, "ä" sorts after "z"), and a report must come out the same wherever it is built.
//
// The collator and the number format are made once, on first use: localeCompare and toLocaleString with a locale
// make their own on every call (five and thirty times slower). Not while the startup snapshot is built, though: V8
// cannot keep Intl objects in a snapshot, so the warm-up that builds it uses the slow forms.
const buildingSnapshot = () => process.getBuiltinModule('node:v8').startupSnapshot.isBuildingSnapshot();
let collator: Intl.Collator | null = null;
let numbers: Intl.NumberFormat | null = null;

/** Compares two strings in English collation (as a.localeCompare(b, 'en')). */
export function compareText(a: string, b: string): number {
  if (collator) return collator.compare(a, b);
  if (buildingSnapshot()) return a.localeCompare(b, 'en');
  return (collator = new Intl.Collator('en')).compare(a, b);
}

/** A number as English writes it: "2,500", "1.5" (as n.toLocaleString('en-US')). */
export function englishNumber(n: number): string {
  // Whole numbers are grouped here: Intl's number format costs a fresh process 7-12 ms to make.
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return String(n).replace(/\B(?=(?:\d{3})+$)/g, ',');
  if (numbers) return numbers.format(n);
  if (buildingSnapshot()) return n.toLocaleString('en-US');
  return (numbers = new Intl.NumberFormat('en-US')).format(n);
}
