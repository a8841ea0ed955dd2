const KB = 1024;
const MB = 1024 * KB;

/**
 * The largest JSON body each route takes; the first path that matches wins. Model uploads carry
 * whole BPMN/DMN files ({files: [{name, content}]}): every model in bpmn/ at once is about 185 kB
 * of XML, so 5 MB leaves ample room. Everything else is a form or a command: 64 kB.
 */
export const BODY_LIMITS: readonly { path: RegExp; bytes: number }[] = [
  { path: /^\/api\/models(\/|$)/i, bytes: 5 * MB },
  { path: /^/, bytes: 64 * KB },
];

export function bodyLimitFor(path: string): number {
  return BODY_LIMITS.find((limit) => limit.path.test(path))!.bytes;
}

/** 65536 → "64 kB", 5242880 → "5 MB": limits as people write them, in the 413's message. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB && bytes % MB === 0) return `${bytes / MB} MB`;
  if (bytes >= KB && bytes % KB === 0) return `${bytes / KB} kB`;
  return `${bytes} bytes`;
}

/**
 * The routes that take a file (multipart/form-data) instead of JSON: the document uploads. The
 * body is read after the access guard, by the route's own reader, within DOCUMENT_MAX_BYTES.
 */
export const MULTIPART_ROUTES: readonly RegExp[] = [
  /^\/api\/(loans|tasks)\/[^/]+\/documents\/?$/i,
  // An application with its papers (ApplicationUploadInterceptor).
  /^\/api\/applications\/?$/i,
];

export function takesMultipart(method: string, path: string, contentType?: string): boolean {
  return (
    method === 'POST' &&
    /^multipart\/form-data\s*;/i.test(contentType?.trim() ?? '') &&
    MULTIPART_ROUTES.some((route) => route.test(path))
  );
}
