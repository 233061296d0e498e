// Markdown + report metadata -> one self-contained HTML file: styles inline, the map as inline SVG, no request
// to anywhere. The same briefing as the PDF, for a browser preview or an email body; notes follow the body.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RenderMeta } from '../types.js';
import { mapSvg, type MapMarker } from './map.js';
import { escapeHtml, markdownToHtml, parseMarkdown } from './markdown.js';
import { contentWidth, defaultTheme, type Theme } from './theme.js';

export function renderHtml(markdown: string, meta: RenderMeta, theme: Theme = defaultTheme): string {
  const headings = parseMarkdown(markdown).flatMap((token, i, all) => (token.type === 'heading_open' && token.tag === 'h2' ? [all[i + 1]!.content] : []));
  const slug = (text: string, i: number) => `s${i + 1}-${text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  let headingIndex = 0;
  const body = markdownToHtml(markdown, (info, content) => {
    if (info === 'sitrep-toc') {
      return `<nav class="toc"><h2>Contents</h2><ol>${headings.map((h, i) => `<li><a href="#${slug(h, i)}">${escapeHtml(h)}</a></li>`).join('')}</ol></nav>\n`;
    }
    if (info === 'sitrep-map') {
      const markers = (JSON.parse(content) as MapMarker[]).filter((m) => Number.isFinite(m.lat) && Number.isFinite(m.lon));
      if (markers.length === 0) return '<p>No event in this section has known coordinates.</p>\n';
      return `<figure class="map">${mapSvg(markers, contentWidth(theme), 300)}</figure>\n`;
    }
    return null;
  }).replace(/<h2>([\s\S]*?)<\/h2>/g, (whole, inner: string) => (headingIndex < headings.length ? `<h2 id="${slug(headings[headingIndex]!, headingIndex++)}">${inner}</h2>` : whole));
  const logo = theme.logo ? `<img class="logo" alt="" src="data:image/${path.extname(theme.logo.image).slice(1).replace('jpg', 'jpeg')};base64,${readFileSync(theme.logo.image).toString('base64')}" width="${theme.logo.width}">` : '';
  const { ink, muted, accent, banner, rule } = theme.colors;
  return `<!doctype html>
<html lang="${escapeHtml(meta.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sitrep">
<title>${escapeHtml(meta.title)}</title>
<style>
body { font: ${theme.fonts.size + 2}px/1.45 ${theme.fonts.body === 'Roboto' ? 'Roboto, "Helvetica Neue", Arial, sans-serif' : `"${theme.fonts.body}", sans-serif`}; color: ${ink}; max-width: 46em; margin: 0 auto; padding: 1em 1.5em; }
h1, h2, h3 { color: ${accent}; line-height: 1.2; } h1 { font-size: 1.8em; } h2 { font-size: 1.3em; margin-top: 1.6em; }
.banner { text-align: center; font-weight: 600; font-size: 0.8em; letter-spacing: 0.05em; color: ${banner}; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; } th, td { text-align: left; vertical-align: top; padding: 0.3em 0.5em; border-bottom: 1px solid ${rule}; }
th { color: ${accent}; border-bottom: 1.5px solid ${muted}; }
blockquote { margin: 0.5em 0 1em 1.2em; } sup { font-size: 0.7em; } sup a { color: ${accent}; text-decoration: none; }
.footnotes { font-size: 0.85em; color: ${muted}; } .footnotes-sep { border: 0; border-top: 1px solid ${rule}; width: 10em; margin: 2em 0 0.5em; }
.map svg { max-width: 100%; height: auto; } .toc ol { padding-left: 1.2em; } .logo { float: right; }
footer { margin-top: 2em; font-size: 0.8em; color: ${muted}; display: flex; justify-content: space-between; }
</style>
</head>
<body>
<div class="banner">${escapeHtml(meta.classification)}</div>
${logo}
${body}
<footer><span>${escapeHtml(meta.footerLeft)}</span><span class="banner">${escapeHtml(meta.classification)}</span></footer>
</body>
</html>
`;
}
