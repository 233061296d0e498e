// One order for text, whatever the machine's locale: String.localeCompare alone follows the user's LANG (in Swedish,
// "ä" sorts after "z"), and a report must come out the same wherever it is built.

/** Compares two strings in English collation. */
export const compareText = (a: string, b: string): number => a.localeCompare(b, 'en');
