import { FORBIDDEN_KEYS, KeyProblem, scanJson } from './json-scan';
import { refusal } from './refusal';
import { messageOf } from '@loanflow/domain';

/** Deeper than any form or command the API takes; far below what a recursive parser survives. */
export const MAX_JSON_DEPTH = 32;

/**
 * JSON text → value, or the 400 that refuses it: too deep, a duplicate key or a forbidden one
 * (all found by scanJson's one pass before any parsing), or malformed (V8's message names the
 * position). JSON.parse does the parsing: it is the fastest parser at hand, which matters because
 * bodies are parsed before the caller is known (a 5 MB model set parses in about a tenth of a
 * second), and once scanJson has refused repeated and prototype keys it gives what any parser would.
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
    value = JSON.parse(text);
  } catch (error) {
    const reason = messageOf(error);
    const found = / at position (\d+)/.exec(reason);
    // V8 names no position when the text ends too soon: it ends at its length.
    const position = found
      ? Number(found[1])
      : /end of JSON input/.test(reason)
        ? text.length
        : undefined;
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
