import type { NextFunction, Request, Response } from 'express';
import { refusal } from './refusal';

/** No API or console URL comes near this; Node itself stops at 16 kB of headers (client-errors.ts). */
export const MAX_URL_LENGTH = 8 * 1024;

/**
 * Refuses URLs the routes should never see: longer than MAX_URL_LENGTH (414 URI_TOO_LONG); with
 * malformed percent-encoding (400 MALFORMED_URL: Express's query parser would quietly turn
 * `%E0%A4%A` into U+FFFD, the router answers a path param with a bare 400, a console path falls
 * through to index.html); or with a query parameter given twice (400 DUPLICATE_QUERY_PARAMETER:
 * Express makes `?page=1&page=2` an array, and no route takes an array in its query).
 */
export function urlGuard(req: Request, _res: Response, next: NextFunction) {
  const url = req.originalUrl;
  if (url.length > MAX_URL_LENGTH)
    return next(
      refusal(414, 'URI_TOO_LONG', `The URL is longer than ${MAX_URL_LENGTH} characters.`, {
        maxLength: MAX_URL_LENGTH,
      }),
    );
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  if (decode(path) === undefined) return next(malformed('path'));
  const seen = new Set<string>();
  for (const pair of queryAt < 0 ? [] : url.slice(queryAt + 1).split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decode(equals < 0 ? pair : pair.slice(0, equals));
    if (name === undefined || decode(equals < 0 ? '' : pair.slice(equals + 1)) === undefined)
      return next(malformed('query string'));
    if (seen.has(name))
      return next(
        refusal(
          400,
          'DUPLICATE_QUERY_PARAMETER',
          `The query parameter ${JSON.stringify(name.slice(0, 100))} is given more than once.`,
          { parameter: name.slice(0, 100) },
        ),
      );
    seen.add(name);
  }
  next();
}

/** As a query string decodes (`+` is a space), but strictly: undefined for a malformed escape. */
function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function malformed(part: string) {
  return refusal(400, 'MALFORMED_URL', `The URL's ${part} has a malformed percent-encoding.`);
}
