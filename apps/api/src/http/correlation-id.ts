import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * Gives the request its correlation id before anything can refuse it. nestjs-pino installs
 * pino-http as Nest module middleware, which runs after every `app.use()` middleware, so a body
 * or URL refused by configureHttp's middleware would otherwise answer without `req.id`. pino-http
 * keeps an id already set (`req.id = req.id || genReqId(...)`), so logs and error bodies agree.
 * Same rule as libs/observability's genReqId: the caller's `x-correlation-id` (up to 100
 * characters) or a new UUID, echoed in the response header.
 */
export function correlationId(req: Request & { id?: unknown }, res: Response, next: NextFunction) {
  if (req.id === undefined) {
    const given = req.headers['x-correlation-id'];
    req.id = typeof given === 'string' && given.length <= 100 ? given : randomUUID();
    res.setHeader('x-correlation-id', String(req.id));
  }
  next();
}
