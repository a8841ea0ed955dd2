import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
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

/**
 * Serves the web console at `/`: hashed assets cached for a year, index.html never cached, and
 * client routes (/inbox, /loans/…) answered with index.html; /api and the other server paths are
 * untouched. Without a build the api runs alone. Registered before the routes (configureHttp).
 */
export function serveConsole(
  app: INestApplication,
  root: string | null = findConsoleDir(),
): boolean {
  if (!root) return false;
  const assets = `${sep}assets${sep}`;
  app.use(
    express.static(root, {
      index: false,
      setHeaders: (res, path) =>
        res.setHeader(
          'cache-control',
          path.includes(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    }),
  );
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
