/** Keys that reach an object's prototype when a body is merged or assigned somewhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export interface KeyProblem {
  code: 'DUPLICATE_KEY' | 'FORBIDDEN_KEY';
  key: string;
  /** Character index of the key's opening quote. */
  position: number;
}

export type ScanResult = { tooDeepAt: number } | { tooDeepAt?: undefined; keyProblem?: KeyProblem };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * One pass over JSON text, before a parser builds anything (parsers recurse once per level, so a
 * body nested 10,000 deep must never reach one): stops at the first bracket beyond `maxDepth`,
 * and notes the first key that repeats within its object or is a FORBIDDEN_KEYS one. Every
 * duplicate counts, even one repeating the same value (lossless-json lets those through). It
 * tracks only strings and brackets, so on malformed text the key finding may be meaningless:
 * parse before reporting it. O(length); each object keeps a set of its keys.
 */
export function scanJson(text: string, maxDepth: number): ScanResult {
  const objects: (Set<string> | null)[] = []; // one per open bracket; null for an array
  let expectingKey = false;
  let keyProblem: KeyProblem | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++)
        if (text.charCodeAt(i) === BACKSLASH) {
          escaped = true;
          i++;
        }
      const keys = objects[objects.length - 1];
      if (expectingKey && keys && !keyProblem) {
        const key = escaped ? decode(text.slice(start, i + 1)) : text.slice(start + 1, i);
        if (key !== undefined && FORBIDDEN_KEYS.has(key))
          keyProblem = { code: 'FORBIDDEN_KEY', key, position: start };
        else if (key !== undefined && keys.has(key))
          keyProblem = { code: 'DUPLICATE_KEY', key, position: start };
        else if (key !== undefined) keys.add(key);
      }
      expectingKey = false;
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      if (objects.length >= maxDepth) return { tooDeepAt: i };
      objects.push(char === OPEN_BRACE ? new Set() : null);
      expectingKey = char === OPEN_BRACE;
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
      objects.pop();
      expectingKey = false;
    } else if (char === COMMA) {
      expectingKey = objects[objects.length - 1] instanceof Set;
    }
  }
  return { keyProblem };
}

/** A quoted key with escapes (`"\u005f_proto__"` is `__proto__`); undefined if not a valid string. */
function decode(quoted: string): string | undefined {
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
