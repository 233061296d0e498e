// Every user-facing error, as data: what happened, where, and what to do.

export interface Diagnostic {
  /** Stable name of the error kind (see `catalogue`). */
  code: keyof typeof catalogue;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}

/** Error kinds with their exit code and default hint. */
export const catalogue = {
  SpecNotFound: { exit: 3, hint: 'Check the path; specs usually live in briefings/.' },
  SpecSyntax: { exit: 3, hint: 'Fix the YAML syntax at the line shown.' },
  SpecInvalid: { exit: 3, hint: 'See the briefing spec reference in README.md.' },
  CorpusNotFound: { exit: 3, hint: 'Set `corpus:` in the spec (relative to the spec file) or pass --corpus.' },
  ManifestInvalid: { exit: 3, hint: 'Fix corpus/sources.yaml at the line shown.' },
  TemplateNotFound: { exit: 4, hint: 'Use a template folder name from templates/ or a path to one.' },
  TemplateInvalid: { exit: 4, hint: 'Fix the template at the line shown.' },
  DataInvalid: { exit: 3, hint: 'Fix the data file at the line shown.' },
  RenderFailed: { exit: 5, hint: 'Run again with --debug for details.' },
  OutputFailed: { exit: 5, hint: 'Check that the output folder is writable.' },
  UsageInvalid: { exit: 2, hint: 'See `sitrep <command> --help`.' },
  MailInvalid: { exit: 6, hint: "Check the addresses given and the spec's `mail:` section (see README.md, Email)." },
  MailFailed: { exit: 7, hint: 'The report is written; check the SMTP settings (SITREP_SMTP_*), then send it with `sitrep mail`.' },
} as const;

export class SitrepError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic | Diagnostic[], options?: { cause?: unknown }) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
    super(list.map(formatDiagnostic).join('\n'), options);
    this.name = 'SitrepError';
    this.diagnostics = list;
  }

  get exitCode(): number {
    return Math.max(...this.diagnostics.map((d) => catalogue[d.code].exit));
  }
}

/** `file:line:column: message` followed by the hint, as compilers print it. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = [d.file, d.line, d.line !== undefined ? d.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  const hint = d.hint ?? catalogue[d.code].hint;
  return `${place ? `${place}: ` : ''}error: ${d.message}\n  hint: ${hint}`;
}

/** 1-based line and column of a character offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
