/**
 * APIM reads policy expressions before XML: its documentation writes
 * `condition="@(context.Request.Method == "POST" && …)"`, with the attribute's own quote character
 * and `<` inside the C# code. Strict XML rejects that, so before parsing we find every expression
 * that opens an attribute value or an element's text (`@(` … `)` or `@{` … `}`, balanced, C# string
 * and char literals and C# comments skipped) and escape the characters XML cannot hold there. Newlines are kept, so
 * line numbers in errors stay right. Comments and CDATA sections are left alone.
 */
export function escapeExpressions(xml: string): string {
  let out = '';
  let i = 0;
  while (i < xml.length) {
    if (xml.startsWith('<!--', i) || xml.startsWith('<![CDATA[', i)) {
      const close = xml.startsWith('<!--', i) ? '-->' : ']]>';
      const end = xml.indexOf(close, i);
      const stop = end === -1 ? xml.length : end + close.length;
      out += xml.slice(i, stop);
      i = stop;
      continue;
    }
    const opening = expressionOpening(xml, i);
    if (opening) {
      const end = matchingClose(xml, opening.start);
      const quoteAfter = opening.quote ? skipSpaces(xml, end + 1) : end + 1;
      const wellClosed = end !== -1 && (!opening.quote || xml[quoteAfter] === opening.quote);
      if (wellClosed) {
        out += xml.slice(i, opening.start) + escapeCode(xml.slice(opening.start, end + 1), opening.quote);
        i = end + 1;
        continue;
      }
    }
    out += xml[i];
    i += 1;
  }
  return out;
}

interface Opening {
  /** Index of the `@`. */
  readonly start: number;
  /** The attribute's quote character, or undefined for element text. */
  readonly quote?: '"' | "'";
}

/** An expression starts right after `="` / `='` (attribute value) or `>` (element text), spaces allowed. */
function expressionOpening(xml: string, i: number): Opening | undefined {
  if (xml[i] === '=') {
    const quoteAt = skipSpaces(xml, i + 1);
    const quote = xml[quoteAt];
    if (quote !== '"' && quote !== "'") return undefined;
    const start = skipSpaces(xml, quoteAt + 1);
    return isExpressionStart(xml, start) ? { start, quote } : undefined;
  }
  if (xml[i] === '>') {
    const start = skipSpaces(xml, i + 1);
    return isExpressionStart(xml, start) ? { start } : undefined;
  }
  return undefined;
}

function isExpressionStart(xml: string, at: number): boolean {
  return xml[at] === '@' && (xml[at + 1] === '(' || xml[at + 1] === '{');
}

function skipSpaces(xml: string, at: number): number {
  let i = at;
  while (i < xml.length && /\s/.test(xml[i])) i += 1;
  return i;
}

/** Index of the `)`/`}` closing the expression at `start` (the `@`), or -1 when unbalanced. */
function matchingClose(xml: string, start: number): number {
  const open = xml[start + 1];
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  let i = start + 1;
  while (i < xml.length) {
    const c = xml[i];
    if (c === '/' && (xml[i + 1] === '/' || xml[i + 1] === '*')) {
      i = endOfComment(xml, i);
      if (i === -1) return -1;
    } else if (c === '"' || c === "'") {
      const verbatim = c === '"' && xml[i - 1] === '@';
      i = endOfLiteral(xml, i, verbatim);
      if (i === -1) return -1;
    } else if (c === open) {
      depth += 1;
    } else if (c === close) {
      depth -= 1;
      if (depth === 0) return i;
    }
    i += 1;
  }
  return -1;
}

/**
 * Index of the last character of the C# comment starting at `i`: a `// …` comment ends before the
 * newline, a `/* … *\/` one at its `/`. Quotes inside comments (`// don't`) are not literals.
 */
function endOfComment(xml: string, i: number): number {
  if (xml[i + 1] === '/') {
    const newline = xml.indexOf('\n', i);
    return newline === -1 ? xml.length - 1 : newline - 1;
  }
  const close = xml.indexOf('*/', i + 2);
  return close === -1 ? -1 : close + 1;
}

/** Index of the quote ending the C# literal that starts at `i`. */
function endOfLiteral(xml: string, i: number, verbatim: boolean): number {
  const quote = xml[i];
  let j = i + 1;
  while (j < xml.length) {
    if (verbatim && xml[j] === '"' && xml[j + 1] === '"') j += 2;
    else if (!verbatim && xml[j] === '\\') j += 2;
    else if (xml[j] === quote) return j;
    else if (xml[j] === '\n' && !verbatim) return -1;
    else j += 1;
  }
  return -1;
}

const ENTITY_START = /^&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);/;

function escapeCode(code: string, quote: '"' | "'" | undefined): string {
  let out = '';
  for (let i = 0; i < code.length; i += 1) {
    const c = code[i];
    if (c === '<') out += '&lt;';
    else if (c === '&' && !ENTITY_START.test(code.slice(i))) out += '&amp;';
    else if (c === quote) out += quote === '"' ? '&quot;' : '&apos;';
    else out += c;
  }
  return out;
}
