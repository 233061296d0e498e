// A Handlebars environment whose {{value}} escapes for Markdown instead of HTML, and whose errors name the file.
import Handlebars from 'handlebars';
import { SitrepError } from '../errors.js';
import { escapeMarkdown } from './escape.js';
import type { TemplateSource } from './templateFiles.js';

// Registered as an object, not a function, so that Handlebars does not wrap it as a helper taking options.
const ESCAPER = '__markdown';


/**
 * Handlebars escapes `{{x}}` for HTML through a fixed function. Our templates write Markdown, so the compiler is
 * taught to call a Markdown escape instead: `{{x}}` is always safe, `{{{x}}}` and SafeString are raw.
 */
export function createMarkdownHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  const env = hb as unknown as { JavaScriptCompiler: unknown };
  const Base = env.JavaScriptCompiler as unknown as new () => Record<string, unknown>;
  const MarkdownCompiler = function (this: unknown) {} as unknown as { prototype: Record<string, unknown> };
  MarkdownCompiler.prototype = new Base();
  MarkdownCompiler.prototype.compiler = MarkdownCompiler;
  MarkdownCompiler.prototype.appendEscaped = function (this: {
    pushSource: (s: unknown) => void;
    appendToBuffer: (parts: unknown[]) => unknown;
    aliasable: (name: string) => string;
    popStack: () => string;
  }) {
    this.pushSource(this.appendToBuffer([this.aliasable(`container.helpers.${ESCAPER}.escape`), '(', this.popStack(), ')']));
  };
  env.JavaScriptCompiler = MarkdownCompiler;
  const escaper = { escape: (value: unknown) => (value instanceof hb.SafeString ? value.toString() : escapeMarkdown(value)) };
  hb.registerHelper(ESCAPER, escaper as unknown as Handlebars.HelperDelegate);
  return hb;
}

export type Template = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/** Compiles one template file; parse errors and runtime errors both come out as file:line diagnostics. */
export function compileTemplate(hb: typeof Handlebars, source: TemplateSource): Template {
  try {
    hb.parse(source.text); // compile() is lazy: parse now, so that syntax errors surface before any rendering
  } catch (error) {
    throw templateError(source, error);
  }
  const compiled = hb.compile(source.text, { strict: true, preventIndent: true });
  // compile() leaves the work to the first render. Done now, it is done once for the built-in templates in the
  // startup snapshot (src/cli/snapshot.ts). _setup() is what every render calls first, and it compiles.
  (compiled as unknown as { _setup(options: object): void })._setup({});
  return (context, options) => {
    try {
      return compiled(context, options);
    } catch (error) {
      throw error instanceof SitrepError ? error : templateError(source, error);
    }
  };
}

function templateError(source: TemplateSource, error: unknown): SitrepError {
  const err = error as Error & { lineNumber?: number; column?: number };
  const message = err.message ?? String(error);
  const parseLine = /on line (\d+)/.exec(message);
  const runtimeLoc = / - (\d+):(\d+)$/.exec(message);
  const line = err.lineNumber ?? (parseLine ? Number(parseLine[1]) : runtimeLoc ? Number(runtimeLoc[1]) : undefined);
  const column = err.column ?? (runtimeLoc ? Number(runtimeLoc[2]) + 1 : undefined);
  const summary = /Maximum call stack/.test(message)
    ? 'partials call each other without end (or nest too deeply)'
    : message.split('\n')[0]!.replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]/, '');
  return new SitrepError(
    { code: 'TemplateInvalid', message: `${summary}`, file: source.file, line, column },
    { cause: error },
  );
}

/**
 * Helpers and partials are looked up when a template runs, and a missing one is reported without a line. Checked
 * beforehand instead, on the parsed template: every helper called with arguments and every partial named must exist.
 */
export function checkNames(hb: typeof Handlebars, source: TemplateSource): void {
  type Node = { type: string; original?: string; loc?: { start: { line: number; column: number } } };
  const problems: { message: string; node: Node }[] = [];
  const helpers = hb.helpers as Record<string, unknown>;
  const partials = hb.partials as Record<string, unknown>;
  const helper = (path: Node, node: Node) => {
    if (path.type === 'PathExpression' && path.original && !(path.original in helpers)) problems.push({ message: `unknown helper \`${path.original}\``, node });
  };
  const visitor = new Handlebars.Visitor() as unknown as Record<string, (node: never) => unknown> & { accept: (node: unknown) => void };
  const base = Handlebars.Visitor.prototype as unknown as Record<string, (this: unknown, node: unknown) => unknown>;
  const withParams = (node: { params: unknown[]; hash?: unknown }) => node.params.length > 0 || node.hash !== undefined;
  visitor.MustacheStatement = function (this: unknown, node: { path: Node; params: unknown[]; hash?: unknown } & Node) {
    if (withParams(node)) helper(node.path, node);
    return base.MustacheStatement!.call(this, node);
  } as never;
  visitor.SubExpression = function (this: unknown, node: { path: Node } & Node) {
    helper(node.path, node);
    return base.SubExpression!.call(this, node);
  } as never;
  visitor.BlockStatement = function (this: unknown, node: { path: Node; params: unknown[]; hash?: unknown } & Node) {
    if (withParams(node)) helper(node.path, node);
    return base.BlockStatement!.call(this, node);
  } as never;
  visitor.PartialStatement = function (this: unknown, node: { name: Node } & Node) {
    if (node.name.type === 'PathExpression' && node.name.original && !(node.name.original in partials)) {
      problems.push({ message: `unknown partial \`${node.name.original}\``, node });
    }
    return base.PartialStatement!.call(this, node);
  } as never;
  visitor.accept(hb.parse(source.text));
  if (problems.length > 0) {
    const known = (names: string[]) => names.filter((n) => !n.startsWith('__') && !['helperMissing', 'blockHelperMissing', 'log'].includes(n)).sort().join(', ');
    throw new SitrepError(
      problems.map(({ message, node }) => ({
        code: 'TemplateInvalid' as const,
        message,
        file: source.file,
        line: node.loc?.start.line,
        column: node.loc ? node.loc.start.column + 1 : undefined,
        hint: message.includes('helper') ? `Helpers: ${known(Object.keys(helpers))}.` : `Partials of this template: ${known(Object.keys(partials))}.`,
      })),
    );
  }
}
