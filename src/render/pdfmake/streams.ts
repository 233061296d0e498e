// pdfkit writes each operator of a page's content as a small Buffer of its own (the text, a newline, a copy):
// about 11,000 of them for the sample report, joined when the page ends. Text is kept as text here and made into
// one Buffer where the stream ends (or before bytes written to it): the same bytes, in about half the time.
import { pdfmakeClass } from './classes.js';

interface PdfReference {
  buffer: Uint8Array[];
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  pendingText?: string[];
  write(chunk: unknown): void;
  finalize(): void;
}

export function writeContentAsText(): void {
  // pdfkit's PDFReference is not exported: its prototype is that of what a document's ref() makes.
  const ref = (pdfmakeClass('PDFDocument').prototype.ref as (this: object, data: object) => PdfReference).call({ _offsets: [], _waiting: 0, compress: false }, {});
  const Reference = Object.getPrototypeOf(ref) as PdfReference;
  const write = Reference.write;
  const finalize = Reference.finalize;
  Reference.write = function (this: PdfReference, chunk: unknown): void {
    if (chunk instanceof Uint8Array) {
      keepPendingText(this);
      return write.call(this, chunk);
    }
    const text = (chunk as string) + '\n';
    (this.pendingText ??= []).push(text);
    // pdfkit's 'binary' Buffer: a byte per character, as many bytes as the text has characters.
    this.uncompressedLength += text.length;
    this.data.Length = (this.data.Length ?? 0) + text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  Reference.finalize = function (this: PdfReference): void {
    keepPendingText(this);
    finalize.call(this);
  };
}

function keepPendingText(ref: PdfReference): void {
  if (!ref.pendingText?.length) return;
  ref.buffer.push(Buffer.from(ref.pendingText.join(''), 'binary'));
  ref.pendingText = [];
}
