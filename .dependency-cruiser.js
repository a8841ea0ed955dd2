/** Architecture rules: the domain stays pure, libs never reach into apps. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain holds business rules in plain TypeScript: no framework, no ORM, no I/O. Move the import to an adapter.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        path: [
          '^node_modules/(@nestjs|typeorm|mysql2|ioredis|@camunda8|express|pino|nestjs-pino|prom-client|class-transformer)(/|$)',
          '^libs/(?!domain/)',
          '^apps/',
        ],
      },
    },
    {
      name: 'domain-no-node-io',
      comment: 'libs/domain may not touch the network, the file system or processes.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(fs|net|http|https|child_process|dgram|dns|tls|cluster|worker_threads)$',
      },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'controllers-do-not-query',
      comment:
        'A controller declares who may use a route and maps the request; the data access lives in a service or reader beside it.',
      severity: 'error',
      from: { path: '\\.controller\\.ts$' },
      to: { path: '^node_modules/(typeorm|mysql2|ioredis)(/|$)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec\\.ts$|-spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
