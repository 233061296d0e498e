// A PDF stream written as text and bytes in turn comes out as pdfkit writes it: the same bytes, in order, with
// its length (src/render/pdfmake/streams.ts keeps the text as text until the stream ends).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { installPdfmakePatches } from '../src/render/pdfmake/index.js';

// pdfkit as pdfmake loads it.
const fromPdfmake = createRequire(createRequire(import.meta.url).resolve('pdfmake/js/index.js'));
const PDFKit = fromPdfmake('pdfkit') as new (options: object) => NodeJS.EventEmitter & {
  ref(data: object): { write(chunk: unknown): void; end(chunk?: unknown): void };
  end(): void;
};

/** The bytes of a document whose one extra object is a stream written with these chunks, in turn. */
async function documentWith(chunks: unknown[], compress: boolean): Promise<Buffer> {
  const doc = new PDFKit({ compress, autoFirstPage: false, info: { CreationDate: new Date(0) } });
  const parts: Buffer[] = [];
  doc.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => doc.on('end', resolve));
  const ref = doc.ref({});
  for (const chunk of chunks) ref.write(chunk);
  ref.end();
  doc.end();
  await done;
  return Buffer.concat(parts);
}

describe('content streams', () => {
  it('hold text and bytes in the order written, with their length', async () => {
    installPdfmakePatches();
    const pdf = await documentWith(['BT', Buffer.from([0, 1, 2, 255]), '(Kataʼib é) Tj', 'ET'], false);
    const stream = /\/Length (\d+)\n>>\nstream\n([\s\S]*?)\nendstream/.exec(pdf.toString('latin1'));
    // 'binary' text: one byte per character, its low byte (pdfkit's own rule).
    const expected = Buffer.concat([Buffer.from('BT\n'), Buffer.from([0, 1, 2, 255]), Buffer.from('(Kataʼib é) Tj\nET\n', 'binary')]);
    expect(stream?.[1]).toBe(String(expected.length));
    expect(Buffer.from(stream![2]!, 'latin1').equals(expected)).toBe(true);
  });

  it('are compressed as before', async () => {
    installPdfmakePatches();
    const pdf = await documentWith(['q', '1 0 0 1 10 10 cm', 'Q'], true);
    expect(pdf.toString('latin1')).toMatch(/\/Length \d+\n\/Filter \/FlateDecode\n>>\nstream\n/);
  });
});
