// Modules the startup snapshot's script leaves out (scripts/bundle.mjs): each is replaced by a small stand-in
// that requires it from node_modules when it is used. Every megabyte a snapshot holds is read, copied and unpacked
// at each start, and these are never used by a build.

/** Required when the module that imports them first runs: pdfjs-dist (ES modules only) and nodemailer, for mail. */
export const requiredWhenImported = /^(?:pdfjs-dist|nodemailer)(?:\/|$)/;

/**
 * Required when first called: what pdfkit and fontkit import, at their top, for features sitrep does not use.
 * brotli unpacks WOFF2 fonts (its dictionary alone was 1.6 MB of the snapshot); @noble's ciphers and hashes
 * encrypt PDFs. Each is a function or an object of functions.
 */
export const requiredWhenCalled = /^(?:brotli\/decompress\.js|@noble\/ciphers\/aes|@noble\/hashes\/(?:sha2|utils))$/;

/**
 * The CommonJS source of a stand-in for `specifier`. It requires the module relative to the built script
 * (`__sitrepModuleUrl`, which the script defines).
 */
export function standInSource(specifier: string, when: 'imported' | 'called'): string {
  const load = `require('node:module').createRequire(__sitrepModuleUrl)(${JSON.stringify(specifier)})`;
  if (when === 'imported') return `module.exports = ${load};`;
  // A function as the proxy's target, so that the stand-in can be called as well as read from.
  return `let loaded; const load = () => (loaded ??= ${load});
module.exports = new Proxy(() => {}, { apply: (_, self, args) => Reflect.apply(load(), self, args), get: (_, key) => load()[key] });`;
}
