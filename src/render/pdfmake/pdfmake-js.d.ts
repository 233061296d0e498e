// pdfmake's internal modules (its CommonJS build), which its own types do not describe: each exports one class.
declare module 'pdfmake/js/*.js' {
  const module: { default: { prototype: Record<string, unknown> } };
  export default module;
}
