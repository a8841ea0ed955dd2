import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { startDummyApi } from './dummy-api.fixture';
import { httpOf } from '@loanflow/test-support';

/** `a 'b' c;d e` → {a: ["'b'", 'c'], d: ['e']} */
function directives(csp: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  let app: INestApplication;
  const server = () => httpOf(app);

  beforeAll(async () => {
    app = await startDummyApi((created) =>
      SwaggerModule.setup(
        'docs',
        created,
        SwaggerModule.createDocument(created, new DocumentBuilder().setTitle('Dummy').build()),
      ),
    );
  });
  afterAll(() => app.close());

  it.each([
    ['a route', () => request(server()).get('/api/loans/7')],
    ['a refusal', () => request(server()).post('/api/notes').type('text/plain').send('x')],
    ['an unknown path', () => request(server()).get('/nowhere')],
  ])('are on %s, and X-Powered-By is not', async (_what, send) => {
    const response = await send();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('give the console a CSP: own scripts (eval for ajv, no inline), own styles, no framing', async () => {
    const csp = directives(
      (await request(server()).get('/inbox')).headers['content-security-policy'],
    );
    expect(csp).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'", "'unsafe-eval'"],
      'script-src-attr': ["'none'"],
      'style-src': ["'self'"],
      'style-src-attr': ["'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'", 'https://idp.bank.example'],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it('relax only /docs, and only its styles: Swagger UI loads its scripts as files', async () => {
    const page = await request(server()).get('/docs').expect(200);
    expect(page.text).toContain('swagger-ui-init.js');
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    const csp = directives(page.headers['content-security-policy']);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    const init = await request(server()).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.headers['content-type']).toMatch(/javascript/);
    const elsewhere = directives(
      (await request(server()).get('/docsearch')).headers['content-security-policy'],
    );
    expect(elsewhere['style-src']).toEqual(["'self'"]);
  });
});
