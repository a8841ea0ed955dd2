import { parse } from 'lossless-json';
import { FORBIDDEN_KEYS, KeyProblem, scanJson } from './json-scan';
import { refusal } from './refusal';

/** Deeper than any form or command the API takes; far below what a recursive parser survives. */
export const MAX_JSON_DEPTH = 32;

class DuplicateKey extends Error {
  constructor(
    readonly key: string,
    readonly position: number,
  ) {
    super(`duplicate key ${key}`);
  }
}

/**
 * JSON text → value, or the 400 that refuses it: too deep (found by scanJson before any parsing),
 * malformed (lossless-json's message names the position), a duplicate key or a forbidden one.
 * lossless-json is the parser because it refuses duplicate keys (JSON.parse keeps the last) and
 * defines `__proto__` as a plain own property rather than assigning the prototype. Numbers are
 * parsed with Number, so a valid body gives exactly what JSON.parse gives (its default would
 * give LosslessNumber objects).
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const scan = scanJson(text, maxDepth);
  if (scan.tooDeepAt !== undefined)
    throw refusal(
      400,
      'JSON_TOO_DEEP',
      `The body nests objects and arrays deeper than ${maxDepth} levels (at position ${scan.tooDeepAt}).`,
      { maxDepth, position: scan.tooDeepAt },
    );
  let value: unknown;
  try {
    value = parse(text, null, {
      parseNumber: Number,
      onDuplicateKey: ({ key, position }) => {
        throw new DuplicateKey(key, position - 1);
      },
    });
  } catch (error) {
    // scanJson has seen every duplicate, this one included: report the first problem in the text.
    if (error instanceof DuplicateKey)
      throw keyRefusal(
        scan.keyProblem ?? { code: 'DUPLICATE_KEY', key: error.key, position: error.position },
      );
    const reason = (error as Error).message;
    const found = / at position (\d+)$/.exec(reason);
    const position = found ? Number(found[1]) : undefined;
    const what = shorten(found ? reason.slice(0, found.index) : reason);
    const where = position === undefined ? '' : ` at position ${position}`;
    throw refusal(400, 'MALFORMED_JSON', `The body is not valid JSON${where}: ${what}.`, {
      position,
    });
  }
  if (scan.keyProblem) throw keyRefusal(scan.keyProblem);
  return value;
}

function keyRefusal({ code, key, position }: KeyProblem) {
  const shown = JSON.stringify(shorten(key));
  const message =
    code === 'DUPLICATE_KEY'
      ? `The body repeats the key ${shown} in one object (at position ${position}).`
      : `The body may not use the key ${shown} (at position ${position}): ${[...FORBIDDEN_KEYS].join(', ')} are refused.`;
  return refusal(400, code, message, { key, position });
}

/** The parser quotes what it found (a number can be the whole body): keep messages short. */
function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
