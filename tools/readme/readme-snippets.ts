/**
 * The runnable snippets of a Markdown file: a fenced block preceded by `<!-- snippet: <name> -->` (blank lines
 * between are fine) is run by readme-snippets.spec.ts; `<!-- snippet-skip: <reason> -->` says why a block is not.
 * A bash/sh/js/ts block with neither marker is reported, so a new example cannot go untested silently.
 */

export interface Snippet {
  readonly name: string;
  /** The fence's language, e.g. `bash`, `ts`, `js`. */
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence, for messages. */
  readonly line: number;
}

export interface ReadmeBlocks {
  readonly snippets: readonly Snippet[];
  /** Runnable-looking blocks with no marker: `<lang> block at line <n>`. */
  readonly unmarked: readonly string[];
  /** Markers not followed by a fenced block, or a name used twice. */
  readonly problems: readonly string[];
}

const runnableLanguages = new Set(['bash', 'sh', 'shell', 'js', 'javascript', 'mjs', 'ts', 'typescript']);
const markerPattern = /^<!--\s*snippet(-skip)?:\s*(.+?)\s*-->$/;

export function readmeBlocks(markdown: string): ReadmeBlocks {
  const lines = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  const unmarked: string[] = [];
  const problems: string[] = [];
  let marker: { skip: boolean; value: string; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    const markerMatch = markerPattern.exec(text);
    if (markerMatch) {
      if (marker) problems.push(`marker at line ${marker.line} is not followed by a fenced block`);
      marker = { skip: markerMatch[1] !== undefined, value: markerMatch[2], line: i + 1 };
      continue;
    }
    const fence = /^(`{3,})\s*([\w-]*)/.exec(text);
    if (!fence) {
      if (text !== '' && marker) {
        problems.push(`marker at line ${marker.line} is not followed by a fenced block`);
        marker = undefined;
      }
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].trim().startsWith(fence[1]); i++) body.push(lines[i]);
    const lang = fence[2].toLowerCase();
    if (marker && !marker.skip) {
      if (snippets.some((s) => s.name === marker?.value)) problems.push(`snippet "${marker.value}" is named twice`);
      snippets.push({ name: marker.value, lang, code: `${body.join('\n')}\n`, line: start + 1 });
    } else if (!marker && runnableLanguages.has(lang)) {
      unmarked.push(`${lang} block at line ${start + 1}`);
    }
    marker = undefined;
  }
  if (marker) problems.push(`marker at line ${marker.line} is not followed by a fenced block`);
  return { snippets, unmarked, problems };
}

/** One `npm run call -- …` line of a snippet and what its `# <status>` or `# AADSTS<code>` comment expects. */
export interface CallLine {
  readonly args: readonly string[];
  readonly expect: { readonly status: number } | { readonly aadsts: string };
  readonly text: string;
}

/**
 * The commands of an `npm run call` snippet. A comment may sit on the command's line or on the next line alone; every
 * command must say what it expects.
 */
export function npmRunCallLines(code: string): CallLine[] {
  const calls: { args: string[]; comment?: string; text: string }[] = [];
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const hash = line.search(/(^|\s)#/);
    const command = (hash === -1 ? line : line.slice(0, hash)).trim();
    const comment = hash === -1 ? undefined : line.slice(hash).replace(/^\s*#\s*/, '');
    if (command === '') {
      const last = calls[calls.length - 1];
      if (last && last.comment === undefined) last.comment = comment;
      continue;
    }
    const words = splitArgs(command);
    if (words.slice(0, 4).join(' ') !== 'npm run call --') {
      throw new Error(`not an "npm run call -- …" line: ${line}`);
    }
    calls.push({ args: words.slice(4), comment, text: command });
  }
  return calls.map(({ args, comment, text }) => {
    const status = /^(\d{3})\b/.exec(comment ?? '');
    const aadsts = /^(AADSTS\d+)\b/.exec(comment ?? '');
    if (status) return { args, text, expect: { status: Number(status[1]) } };
    if (aadsts) return { args, text, expect: { aadsts: aadsts[1] } };
    throw new Error(`"${text}" needs a comment starting with the expected status or AADSTS code, e.g. # 200: …`);
  });
}

/** Splits a command line as a POSIX shell does for plain words and '…' / "…" quoting (no variables, no escapes). */
export function splitArgs(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const char of command) {
    if (quote) {
      if (char === quote) quote = undefined;
      else word = (word ?? '') + char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + char;
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${command}`);
  if (word !== undefined) words.push(word);
  return words;
}

/** `NAME=value` assignments in a JS/TS snippet's `//` comments: the environment its run line asks for. */
export function commentEnv(code: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of code.split('\n')) {
    const comment = /^\s*\/\/(.*)$/.exec(line)?.[1] ?? /\s\/\/(.*)$/.exec(line)?.[1];
    if (!comment) continue;
    for (const match of comment.matchAll(/(?:^|\s)([A-Z][A-Z0-9_]*)=(\S+)/g)) env[match[1]] = match[2];
  }
  return env;
}
