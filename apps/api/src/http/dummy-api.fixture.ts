import {
  Body,
  Controller,
  Get,
  HttpCode,
  INestApplication,
  Module,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { AppConfig } from '@loanflow/config';
import { configureHttp } from './configure-http';

/** For the specs of configureHttp: routes shaped like the API's, each counting its calls. */
export class NoteRequest {
  @IsString() title!: string;
  @IsOptional() @IsString() text?: string;
  @IsOptional() @IsArray() tags?: string[];
  @IsOptional() nested?: unknown;
}

class ModelFile {
  @IsString() name!: string;
  @IsString() content!: string;
}

class ModelFiles {
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ModelFile)
  files!: ModelFile[];
}

class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @IsOptional() @IsString() loan?: string;
}

export const calls = { count: 0 };

@Controller('api')
class DummyController {
  @Post('notes')
  @HttpCode(201)
  create(@Body() body: NoteRequest) {
    calls.count++;
    return { received: body };
  }

  @Post('tasks/:id/claim')
  @HttpCode(200)
  claim(@Param('id') id: string) {
    calls.count++;
    return { claimed: id };
  }

  @Get('loans/:id')
  loan(@Param('id') id: string, @Query() query: PageQuery) {
    calls.count++;
    return { id, page: query.page, loan: query.loan };
  }

  @Post('models/check')
  @HttpCode(200)
  check(@Body() body: ModelFiles) {
    calls.count++;
    return { files: body.files.length };
  }
}

export const TOKEN_URL = 'https://idp.bank.example/realms/loanflow/protocol/openid-connect/token';

@Module({
  controllers: [DummyController],
  providers: [
    { provide: AppConfig, useValue: Object.assign(new AppConfig(), { OIDC_TOKEN_URL: TOKEN_URL }) },
  ],
})
class DummyApiModule {}

/**
 * The dummy routes behind configureHttp, created as the api's main.ts creates the real ones;
 * `before` runs before init, as main.ts sets up Swagger before listening.
 */
export async function startDummyApi(
  before?: (app: INestApplication) => void,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [DummyApiModule] }).compile();
  const app = configureHttp(moduleRef.createNestApplication({ logger: false, bodyParser: false }));
  before?.(app);
  await app.init();
  return app;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * A request exactly as given, which supertest will not send: no content type with a body, a
 * chunked body, raw bytes. The app must be listening (`await app.listen(0, '127.0.0.1')`).
 */
export function sendRaw(
  app: INestApplication,
  method: string,
  path: string,
  headers: OutgoingHttpHeaders,
  body?: string | Buffer,
): Promise<RawResponse> {
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
