import MarkdownIt, { type PluginSimple } from 'markdown-it';
import footnoteModule from 'markdown-it-footnote';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/render/markdown.js';

const footnote = footnoteModule as unknown as PluginSimple;

describe('parseMarkdown', () => {
  it('gives the tokens markdown-it-footnote gives, notes appended once each', () => {
    const notes = Array.from({ length: 40 }, (_, i) => `[^n${i}]: Source ${i}, *para.* ${i}.\n\n    A second paragraph of note ${i}.`);
    const text = ['# Report', '', 'A claim.[^n0] Another,[^n1] and the first again.[^n0]', '', '| a | b |\n| - | - |\n| 1[^n2] | 2 |', '', ...Array.from({ length: 37 }, (_, i) => `Claim ${i}.[^n${i + 3}]\n`), ...notes].join('\n');
    const plain = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).enable('table').use(footnote);
    const tokens = parseMarkdown(text);
    expect(JSON.stringify(tokens)).toBe(JSON.stringify(plain.parse(text, {})));
    expect(tokens.filter((t) => t.type === 'footnote_open')).toHaveLength(40);
    // A plain list again once the notes are in.
    expect(Object.getPrototypeOf(tokens)).toBe(Array.prototype);
  });
});
