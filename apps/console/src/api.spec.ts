import { answer, ApiError, session } from './api';

/** The browser's session storage, as the console uses it. */
const stored = new Map<string, string>();
Object.assign(globalThis, {
  sessionStorage: {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  },
});

function answered(status: number, url: string, body: unknown) {
  const response = Response.json(body, { status });
  Object.defineProperty(response, 'url', { value: url });
  return Promise.resolve(status < 400 ? { data: body, response } : { error: body, response });
}

describe('answer: what the typed client answered, as the pages use it', () => {
  beforeEach(() => stored.clear());

  it('gives the body of a success', async () => {
    await expect(
      answer(answered(200, 'http://bank/api/auth/me', { username: 'li.cm' })),
    ).resolves.toEqual({
      username: 'li.cm',
    });
  });

  it('turns a refusal into the ApiError with its code and field errors', async () => {
    const refused = answer(
      answered(400, 'http://bank/api/loans/L1/repayments', {
        code: 'VALIDATION_FAILED',
        message: 'The request has invalid fields.',
        fieldErrors: [{ field: 'amount', reasons: ['amount must be a decimal'] }],
        correlationId: 'c-1',
      }),
    );
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      fieldErrors: [{ field: 'amount', reasons: ['amount must be a decimal'] }],
      correlationId: 'c-1',
    });
  });

  it('shows a body that is not JSON as the message, with the status as its code', async () => {
    const response = new Response('Bad Gateway from the proxy', { status: 502 });
    Object.defineProperty(response, 'url', { value: 'http://bank/api/tasks' });
    await expect(
      answer(Promise.resolve({ error: 'Bad Gateway from the proxy', response })),
    ).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: 'Bad Gateway from the proxy',
    });
  });

  it('ends the session on a 401 to a signed-in request, not on a failed sign-in', async () => {
    const expired = jest.fn();
    session.onUnauthorized(expired);
    session.save('token-1');
    await expect(
      answer(answered(401, 'http://bank/api/auth/login', { code: 'BAD_CREDENTIALS', message: '' })),
    ).rejects.toMatchObject({ status: 401 });
    expect(session.token()).toBe('token-1');
    expect(expired).not.toHaveBeenCalled();

    await expect(
      answer(answered(401, 'http://bank/api/tasks', { code: 'UNAUTHENTICATED', message: '' })),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(session.token()).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
    session.onUnauthorized(null);
  });
});
