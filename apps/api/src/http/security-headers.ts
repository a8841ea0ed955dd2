import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

type Directives = Record<string, string[]>;

/**
 * What every page of this origin may load: its own files, no plugins, no framing, no inline
 * script. connect-src adds the identity provider's origin when the console exchanges its sign-in
 * code there (OIDC_TOKEN_URL); the authorization step is a navigation, which CSP leaves alone.
 * Images: data: (bpmn-js' CSS icons, Swagger UI's) and blob:. No upgrade-insecure-requests: the
 * api also serves plain http on 127.0.0.1, where it would send the page's own files to an https
 * port that does not exist.
 */
export function baseDirectives(tokenUrl?: string): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(tokenUrl ? [new URL(tokenUrl).origin] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * The console (Vite's build: script files from this origin, no inline script, stylesheets).
 * - bpmn-js (NavigatedViewer) needs nothing more: it sets styles through the CSSOM
 *   (`element.style.x = …`), which CSP does not govern; no 'unsafe-inline' for it.
 * - ECharts' SVG renderer writes `style` attributes (on its <svg> and text) and its tooltip is
 *   HTML with `style="…"`: CSP counts those as inline styles, so `style-src-attr 'unsafe-inline'`
 *   allows attributes only, never a <style> element.
 * - The task forms validate with ajv (@rjsf/validator-ajv8), which compiles each JSON Schema
 *   with `new Function`: without 'unsafe-eval' every form shows a CSP error instead of
 *   validating. Inline scripts stay refused. Precompiled validators would let this go.
 * Checked in Chromium: no violation with these, and one per case above without them.
 */
export function consoleDirectives(tokenUrl?: string): Directives {
  const base = baseDirectives(tokenUrl);
  return {
    ...base,
    'script-src': [...(base['script-src'] ?? []), "'unsafe-eval'"],
    'style-src-attr': ["'unsafe-inline'"],
  };
}

/**
 * Swagger UI at /docs (SwaggerModule): its scripts are files, the initialiser included
 * (swagger-ui-init.js), so scripts stay 'self' and no eval; but its page has <style> elements
 * and its components set style attributes, so its styles need 'unsafe-inline'. Only /docs.
 */
export function docsDirectives(tokenUrl?: string): Directives {
  return { ...baseDirectives(tokenUrl), 'style-src': ["'self'", "'unsafe-inline'"] };
}

const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/');

function options(directives: Directives): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // helmet's other defaults stay: nosniff, no X-Powered-By, same-origin COOP and CORP, …
  };
}

/** helmet's headers on every answer, with the console's policy everywhere but /docs. */
export function securityHeaders(tokenUrl?: string): RequestHandler {
  const forConsole = helmet(options(consoleDirectives(tokenUrl)));
  const forDocs = helmet(options(docsDirectives(tokenUrl)));
  return (req, res, next) => (isDocs(req.path) ? forDocs : forConsole)(req, res, next);
}
