import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureHttp } from '../../apps/api/src/http/configure-http';
import { ApiClient, components, StaffSessions } from '@loanflow/api-client';
import { DEMO_PASSWORD } from '@loanflow/identity';
import { AppConfig } from '@loanflow/config';
import { loanTrail } from './loan-trail';

/** The real API (auth, inbox, audit) on the real database and broker, served in-process for supertest. */
export async function startApi(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
  const app = configureHttp(
    moduleRef.createNestApplication({ logger: ['error'], bodyParser: false }),
  );
  await app.init();
  return app;
}

/** The application's HTTP server, for supertest (Nest types it `any`). */
export function httpOf(app: INestApplication): Server {
  return app.getHttpServer() as Server;
}

/**
 * A fetch that hands each request to the in-process API through supertest: the typed client's
 * requests take the same HTTP path as a browser's, and no connection outlives the spec.
 */
function inProcessFetch(app: INestApplication): typeof fetch {
  return async (input, init) => {
    const sent = new Request(input, init);
    const url = new URL(sent.url);
    const method = sent.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let pending = request(httpOf(app))[method](url.pathname + url.search);
    for (const [name, value] of sent.headers) pending = pending.set(name, value);
    const bytes = sent.body ? Buffer.from(await sent.arrayBuffer()) : undefined;
    // superagent would serialise a Buffer marked as JSON again: JSON goes as the text it is.
    const json = sent.headers.get('content-type')?.includes('json');
    const answer = await (bytes ? pending.send(json ? bytes.toString('utf8') : bytes) : pending);
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers as Record<string, string | string[]>))
      for (const one of [value].flat()) headers.append(name, one);
    const answered = answer.text ?? (answer.body as Buffer | undefined);
    return new Response(answer.status === 204 ? null : answered, {
      status: answer.status,
      headers,
    });
  };
}

/** Signs demo users in once each and hands out authorised requests. */
export class Staff {
  private readonly tokens = new Map<string, string>();
  private sessions?: StaffSessions;

  constructor(private readonly app: INestApplication) {}

  /** Makes `call` with the typed client as `username`, on the in-process API. */
  async as<R extends { response: Response }>(
    username: string,
    call: (api: ApiClient) => Promise<R>,
  ): Promise<R> {
    this.sessions ??= new StaffSessions('http://api.in-process', () => DEMO_PASSWORD, {
      fetch: inProcessFetch(this.app),
    });
    return this.sessions.as(username, call);
  }

  async token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      const response = await request(httpOf(this.app))
        .post('/api/auth/login')
        .send({ username, password: DEMO_PASSWORD })
        .expect(200);
      token = (response.body as { accessToken: string }).accessToken;
      this.tokens.set(username, token);
    }
    return token;
  }

  async get(username: string, path: string): Promise<request.Response> {
    return request(httpOf(this.app))
      .get(path)
      .set('authorization', `Bearer ${await this.token(username)}`);
  }

  async put(username: string, path: string, body: object = {}): Promise<request.Response> {
    return request(httpOf(this.app))
      .put(path)
      .set('authorization', `Bearer ${await this.token(username)}`)
      .send(body);
  }

  async post(username: string, path: string, body: object = {}): Promise<request.Response> {
    return request(httpOf(this.app))
      .post(path)
      .set('authorization', `Bearer ${await this.token(username)}`)
      .send(body);
  }

  /** A multipart POST: text fields, then files (each part named as given). */
  async postMultipart(
    username: string,
    path: string,
    fields: Record<string, string>,
    files: readonly { field: string; fileName: string; bytes: Buffer }[],
  ): Promise<request.Response> {
    let pending = request(httpOf(this.app))
      .post(path)
      .set('authorization', `Bearer ${await this.token(username)}`);
    for (const [name, value] of Object.entries(fields)) pending = pending.field(name, value);
    for (const file of files)
      pending = pending.attach(file.field, file.bytes, { filename: file.fileName });
    return pending;
  }

  /** The loan's dossier as `username` reads it; anything but 200 fails the spec with the reason. */
  async loan(username: string, id: string): Promise<components['schemas']['LoanDossier']> {
    return this.read(username, `loan ${id}`, (api) =>
      api.GET('/api/loans/{id}', { params: { path: { id } } }),
    );
  }

  /** One task as `username` reads it; anything but 200 fails the spec with the reason. */
  async task(username: string, id: string): Promise<components['schemas']['TaskDetail']> {
    return this.read(username, `task ${id}`, (api) =>
      api.GET('/api/tasks/{id}', { params: { path: { id } } }),
    );
  }

  /** One process instance as `username` sees it in the monitor. */
  async instance(
    username: string,
    key: string,
  ): Promise<components['schemas']['InstanceDetailView']> {
    return this.read(username, `instance ${key}`, (api) =>
      api.GET('/api/monitor/instances/{key}', { params: { path: { key } } }),
    );
  }

  private async read<T>(
    username: string,
    what: string,
    call: (
      api: ApiClient,
    ) => Promise<{ data?: T; error?: { code?: string; message?: string }; response: Response }>,
  ): Promise<T> {
    const { data, error, response } = await this.as(username, call);
    if (data === undefined)
      throw new Error(
        `${username} could not read ${what}: ${response.status} ${error?.code} ${error?.message}`,
      );
    return data;
  }

  /**
   * Polls the user's inbox until a task of this type for this loan shows up. The bound allows what
   * the product allows: a job the broker handed to a worker that closed meanwhile (the last long
   * poll of the previous spec's stack) comes back after its hold, 20 s for a service job and 30 s
   * for a user task, and the first task of an application follows four service jobs. On timeout
   * the message says where the loan's process waits.
   */
  async waitForTask(
    username: string,
    loan: string,
    type: string,
    timeoutMs = 90_000,
  ): Promise<components['schemas']['TaskView']> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { data, error, response } = await this.as(username, (api) =>
        api.GET('/api/tasks', { params: { query: { loan, type } } }),
      );
      if (!data)
        throw new Error(`${username} could not read the inbox: ${response.status} ${error?.code}`);
      const [task] = data.items;
      if (task) return task;
      if (Date.now() > deadline)
        throw new Error(
          `no ${type} task for ${loan} reached ${username} within ${timeoutMs} ms\n` +
            (await loanTrail(this.app.get(DataSource), this.app.get(AppConfig), loan)),
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
