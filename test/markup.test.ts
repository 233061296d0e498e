// Corpus text is data: Markdown, Handlebars and footnote syntax in an article print as typed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose } from '../src/compose/index.js';
import { escapeMarkdown } from '../src/compose/escape.js';
import { parseMarkdown } from '../src/render/markdown.js';
import { sitrep } from './helpers/cli.js';
import { flat, readPdf } from './helpers/pdfText.js';
import { specYaml, workspace } from './helpers/workspace.js';

const hostile = [
  '{{title}} and {{{raw}}} and {{> partial}}',
  '**bold** and _under_ and `code`',
  'see [^1] and [link](http://example.com) and <b>tag</b>',
  '# heading',
  '1. not a list & not &amp; an entity | not a cell',
];

describe('markup in the corpus', () => {
  it('escapeMarkdown output parses back to the same text, as one paragraph', () => {
    for (const text of [...hostile, '- item\n\n> quote', '\\ backslash', '    indented code']) {
      const tokens = parseMarkdown(escapeMarkdown(text));
      expect(tokens.map((t) => t.type)).toEqual(['paragraph_open', 'inline', 'paragraph_close']);
      expect(tokens[1]!.children!.map((c) => c.content).join('')).toBe(text.replace(/\s*\n\s*/g, ' ').trim());
    }
  });

  it('prints quotes containing markup literally in the PDF', async () => {
    const article = ['Markup test article headline here', ...hostile.map((h, i) => `“${h},” official number ${i} said.`)].join('\n\n');
    const dir = workspace({ 'brief.yaml': specYaml(), 'corpus/markup.txt': article, 'corpus/sources.yaml': 'markup.txt:\n  published: 2023-05-01\n' });
    const result = await sitrep(['build', 'brief.yaml', '--out', 'out'], { cwd: dir });
    expect(result.stderr).toBe('');
    const text = flat((await readPdf(readFileSync(path.join(dir, 'out', 'brief_2024-01-31.pdf')))).pages.join('\n'));
    for (const h of hostile) expect(text).toContain(h);
  });

  it('keeps template syntax in a title out of the template language', () => {
    const markdown = compose(
      {
        spec: {
          name: 't', file: '/t.yaml', title: '{{#each x}}**T**', subtitle: null, reportNumber: null, classification: 'U',
          asOf: '2024-01-01T00:00:00.000Z', period: { from: '2024-01-01', to: '2024-01-01', week: null }, corpus: '/c',
          template: 't', language: 'en', sections: [], sourcesPerItem: 5, weekly: { first: null, number: 'W{n}', weekStartsOn: 'monday' }, mail: null,
        },
        eventTypeLabels: {}, documents: [], sections: [], skipped: [],
      },
      { name: 't', dir: '/t', description: null, dirs: ['/t'], themes: [], themeFile: null, main: { name: 'report', file: '/t/report.md.hbs', text: '# {{report.title}}' }, partials: [] },
    );
    expect(markdown.trim()).toBe('# \\{\\{\\#each x\\}\\}\\*\\*T\\*\\*');
  });
});
