import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/** The paths the api answers itself; every other GET may be a console route (index.html). */
const API_PATHS = ['/api/{*path}', '/docs', '/docs/{*path}', '/docs-json', '/docs-yaml', '/health', '/health/{*path}', '/metrics'];

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
 * client routes (/inbox, /loans/…) answered with index.html. Without a build the api runs alone.
 */
@Module({})
export class ConsoleModule {
  static register(rootPath: string | null = findConsoleDir()): DynamicModule {
    if (!rootPath) {
      new Logger('Console').warn('No console build (dist/console): run `npm run build:console` to serve it');
      return { module: ConsoleModule };
    }
    return {
      module: ConsoleModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          exclude: API_PATHS,
          serveStaticOptions: {
            index: false,
            setHeaders: (res: { setHeader(name: string, value: string): void }, path: string) =>
              res.setHeader(
                'cache-control',
                path.includes(`${join('console', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
              ),
          },
        }),
      ],
    };
  }
}
