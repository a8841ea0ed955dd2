import { existsSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';

/** Paths the api answers itself; any other GET for a page is a console route (index.html). */
const API_PATHS = /^\/(api|docs|docs-json|docs-yaml|health|metrics)(\/|$)/;

/**
 * The console's build (`npm run build:console` writes dist/console), looked for above this file so
 * that it is found from the sources (tests) and from dist (production) alike.
 */
export function findConsoleDir(from = __dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'console');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

/**
 * The build's precompressed copy of an asset (apps/console/compress-assets.ts) in the best
 * encoding the client accepts: brotli, then gzip; none, and express.static sends the asset as is.
 * Which copies exist is remembered: the build does not change under a running api.
 */
function servePrecompressed(root: string) {
  const exists = new Map<string, boolean>();
  const has = (path: string) => {
    if (!exists.has(path)) exists.set(path, existsSync(path));
    return exists.get(path)!;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/'))
      return next();
    const file = normalize(join(root, decodeURIComponent(req.path)));
    if (!file.startsWith(join(root, 'assets') + sep)) return next();
    // Caches keep the variants apart, whether or not this client gets one.
    res.vary('Accept-Encoding');
    // Ours, not the client's, order of preference (browsers list gzip first); only on request.
    const choice = req.headers['accept-encoding']
      ? ENCODINGS.find(([encoding]) => req.acceptsEncodings(encoding) === encoding)
      : undefined;
    if (!choice || !has(file) || !has(file + choice[1])) return next();
    res.setHeader('content-encoding', choice[0]);
    res.setHeader('cache-control', IMMUTABLE);
    res.type(extname(file));
    res.sendFile(file + choice[1], { cacheControl: false }, (error) => error && next(error));
  };
}

/**
 * Serves the web console at `/`: hashed assets cached for a year, index.html never cached, and
 * client routes (/inbox, /loans/…) answered with index.html; /api and the other server paths are
 * untouched. Assets go out precompressed (gzip or brotli, written at build time) to clients that
 * accept it. Without a build the api runs alone. Registered before the routes (configureHttp).
 */
export function serveConsole(
  app: INestApplication,
  root: string | null = findConsoleDir(),
): boolean {
  if (!root) return false;
  const assets = `${sep}assets${sep}`;
  app.use(servePrecompressed(root));
  const files = express.static(root, {
    index: false,
    setHeaders: (res, path) =>
      res.setHeader('cache-control', path.includes(assets) ? IMMUTABLE : 'no-cache'),
  });
  // The api's own paths never reach the files: no file of the build can stand in for a route, and
  // the api's requests (most of them) skip a look at the disk that can only miss.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (API_PATHS.test(req.path)) next();
    else files(req, res, next);
  });
  const index = join(root, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const page =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !API_PATHS.test(req.path) &&
      !req.path.startsWith('/assets/') &&
      req.accepts(['html', 'json']) === 'html';
    if (!page) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
