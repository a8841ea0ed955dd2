import { finished } from 'node:stream';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { bodyLimitFor, formatBytes, takesMultipart } from './body-limits';
import { MAX_JSON_DEPTH, parseJsonText } from './json-text';
import { refusal } from './refusal';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const ACCEPTED = { accepted: 'application/json; charset=utf-8' };
/** `application/json`, optionally `; charset=utf-8`; any case, optional spaces and quotes. */
const JSON_MEDIA_TYPE = /^application\/json\s*(;\s*charset\s*=\s*("utf-8"|utf-8)\s*)?$/i;

/**
 * The API's one body parser (the apps are created with `bodyParser: false`). A POST, PUT or PATCH
 * that carries a body must send JSON in UTF-8, within its route's limit (BODY_LIMITS); its text is
 * checked (depth, keys: parseJsonText) and parsed into `req.body`. Anything else is refused by
 * next(error) before it reaches a controller, and GlobalExceptionFilter answers it: 415
 * UNSUPPORTED_MEDIA_TYPE, 413 PAYLOAD_TOO_LARGE, 400 INVALID_UTF8, JSON_TOO_DEEP,
 * MALFORMED_JSON, DUPLICATE_KEY, FORBIDDEN_KEY. A bodyless request (a claim) passes untouched, and
 * so does a multipart upload to a route of MULTIPART_ROUTES.
 */
export function jsonBody(maxDepth = MAX_JSON_DEPTH): RequestHandler {
  return (req, _res: Response, next: NextFunction) => {
    if (!carriesBody(req)) return next();
    // A document upload: left for its route's reader (after the access guard).
    if (takesMultipart(req.method, req.path, req.headers['content-type'])) return next();
    const limit = bodyLimitFor(req.path);
    const unacceptable = mediaTypeRefusal(req);
    if (unacceptable) return drainThen(req, () => next(unacceptable));
    if (Number(req.headers['content-length']) > limit)
      return drainThen(req, () => next(tooLarge(limit)));
    readUpTo(req, limit, (error, bytes) => {
      if (error) return next(error);
      if (!bytes) return next(tooLarge(limit));
      if (bytes.length === 0) return next(); // a chunked body that was empty: no body
      try {
        req.body = parseJsonText(utf8(bytes), maxDepth);
      } catch (refused) {
        return next(refused);
      }
      next();
    });
  };
}

/** As type-is' hasBody: a length above zero or a chunked body; only the methods that take one. */
function carriesBody(req: Request): boolean {
  if (!BODY_METHODS.has(req.method)) return false;
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
  );
}

function mediaTypeRefusal(req: Request) {
  const type = req.headers['content-type']?.trim();
  if (!type || !JSON_MEDIA_TYPE.test(type)) {
    const sent = type ? `${type.slice(0, 100)} was sent` : 'no content type was sent';
    const message = `The body must be application/json in UTF-8; ${sent}.`;
    return refusal(415, 'UNSUPPORTED_MEDIA_TYPE', message, ACCEPTED);
  }
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    // Refused rather than inflated: a few kilobytes of gzip can hold gigabytes.
    const message = `The body must not be compressed (content-encoding ${encoding.slice(0, 50)}).`;
    return refusal(415, 'UNSUPPORTED_MEDIA_TYPE', message, ACCEPTED);
  }
  return undefined;
}

function tooLarge(limit: number) {
  const message = `The body is larger than this route's limit of ${formatBytes(limit)}.`;
  return refusal(413, 'PAYLOAD_TOO_LARGE', message, { limitBytes: limit });
}

/**
 * Reads the body, keeping at most `limit` bytes: past it the rest is read and dropped, and
 * `done` gets no bytes. Like body-parser, a refusal waits for the whole request, so that the
 * client, still sending, reads the answer rather than a reset connection.
 */
function readUpTo(req: Request, limit: number, done: (error: unknown, bytes?: Buffer) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    else chunks.length = 0;
  });
  finished(req, (error) => {
    if (error)
      return done(refusal(400, 'REQUEST_ABORTED', 'The request body was not received in full.'));
    done(undefined, size <= limit ? Buffer.concat(chunks, size) : undefined);
  });
}

function drainThen(req: Request, then: () => void) {
  req.resume();
  finished(req, () => then());
}

/** Strict UTF-8: invalid bytes are refused, not turned into U+FFFD. A leading BOM is dropped. */
function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refusal(400, 'INVALID_UTF8', 'The body is not valid UTF-8.');
  }
}
