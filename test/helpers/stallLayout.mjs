// Preloaded by the kill test: the build says when it starts laying pages out, then stays there until it is killed,
// so that it is killed mid-way however fast the machine is.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;
LayoutBuilder.prototype.layoutDocument = function () {
  process.stdout.write('laying out\n'); // a pipe: written before the next line runs
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  throw new Error('the build was not killed');
};
