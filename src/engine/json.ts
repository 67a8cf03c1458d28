/**
 * Parsing a JSON document a person wrote, with an error that says where and what: line and column for
 * every kind of malformed input (V8's own messages carry no position for some, e.g. NaN), and a plain
 * word for the usual mistakes (comments, NaN/Infinity, single quotes, trailing commas, UTF-16, binary).
 */

export type JsonResult = { ok: true; value: unknown } | { ok: false; line: number; column: number; offset: number; message: string };

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Where the text stops being JSON, and why: a small scanner run only after JSON.parse failed. */
function firstError(text: string): { offset: number; message: string } {
  let i = 0;
  const n = text.length;
  const fail = (message: string, at = i): never => {
    throw { offset: at, message };
  };
  const ws = () => {
    while (i < n) {
      const c = text[i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('comments are not allowed in JSON');
      else break;
    }
  };
  const describe = (c: string | undefined): string => {
    if (c === undefined) return 'the JSON ends too early (a missing "}" or "]"?)';
    if (c === '\0') return 'a NUL character (is this a binary or UTF-16 file?)';
    if (c === '\ufffd') return 'bytes that are not UTF-8 text (is this a binary file?)';
    if (c === "'") return 'single quotes: JSON strings use double quotes';
    if (text.startsWith('NaN', i) || text.startsWith('Infinity', i) || text.startsWith('-Infinity', i)) return 'NaN and Infinity are not JSON numbers';
    const code = c.charCodeAt(0);
    const shown = code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : c;
    return `unexpected character '${shown}'`;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nested more than 512 levels deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === '}') fail('a trailing comma before "}"');
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(text[i])}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ':' after the property name, found ${describe(text[i])}`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected ',' or '}' after a property value, found ${describe(text[i])}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') fail('a trailing comma before "]"');
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected ',' or ']' after a list item, found ${describe(text[i])}`);
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m || m[0] === '-') fail(describe(text[i + 1] === undefined ? undefined : text.startsWith('-Infinity', i) ? '-' : text[i]));
      i += m![0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(describe(c));
  };
  const string = (): void => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a \\u escape needs four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`an unknown escape '\\${e ?? ''}' in a string`);
        continue;
      }
      if (c < 0x20) fail(c === 0 ? 'a NUL character inside a string (is this a binary or UTF-16 file?)' : 'a control character (such as a raw line break) inside a string');
      i++;
    }
    fail('a string that never ends (a missing closing \'"\')', start);
  };
  try {
    value(0);
    ws();
    if (i < n) fail(`${describe(text[i])} after the end of the JSON value`);
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'offset' in e) return e as { offset: number; message: string };
    throw e;
  }
  return { offset: 0, message: 'invalid JSON' };
}

/** True when the text looks like UTF-16 read as UTF-8 (a NUL beside most ASCII characters). */
function looksUtf16(text: string): boolean {
  const sample = text.slice(0, 200);
  let nul = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0) nul++;
  return sample.length >= 4 && nul >= sample.length / 3;
}

/** Parse JSON; on failure, the line, column and a reason a person can act on. Never throws. */
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    if (text.startsWith('\ufffd\ufffd') || looksUtf16(text)) {
      return { ok: false, line: 1, column: 1, offset: 0, message: 'the file is UTF-16 (or binary), not UTF-8 text: save it as UTF-8' };
    }
    const { offset, message } = firstError(text);
    const { line, column } = lineColumn(text, offset);
    return { ok: false, line, column, offset, message };
  }
}
