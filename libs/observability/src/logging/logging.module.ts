import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@loanflow/config';

/** JSON logs (pino) at the configured level; request logs carry a correlation id and no secrets. */
export const LoggingModule = LoggerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    pinoHttp: {
      level: config.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
      genReqId: (req, res) => {
        const given = req.headers['x-correlation-id'];
        const id = typeof given === 'string' && given.length <= 100 ? given : crypto.randomUUID();
        res.setHeader('x-correlation-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    },
  }),
});
