import { Zeebe } from '@camunda8/sdk';

export type ZeebeClient = InstanceType<typeof Zeebe.ZeebeGrpcClient>;

/** A gRPC client for the gateway at host:port, plaintext (loopback or a private network). */
export function createZeebeClient(address: string): ZeebeClient {
  return new Zeebe.ZeebeGrpcClient({
    config: {
      ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
      ZEEBE_ADDRESS: address,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_OAUTH_DISABLED: true,
      CAMUNDA_SECURE_CONNECTION: false,
      zeebeGrpcSettings: {
        // A command the gateway cannot take is retried for about fifteen seconds, not the SDK's
        // minutes: an api request then answers 503 with Retry-After instead of hanging, and a
        // worker's job comes back to it by the broker's own timeout.
        ZEEBE_GRPC_CLIENT_MAX_RETRIES: 8,
        ZEEBE_GRPC_CLIENT_MAX_RETRY_TIMEOUT_SECONDS: 2,
        ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
        ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false,
        ZEEBE_GRPC_WORKER_LONGPOLL_SECONDS: 30,
      },
    },
  });
}

export const ZEEBE_CLIENT = Symbol('ZEEBE_CLIENT');
