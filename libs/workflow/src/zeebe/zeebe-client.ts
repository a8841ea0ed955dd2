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
        ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
        ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false,
        ZEEBE_GRPC_WORKER_LONGPOLL_SECONDS: 30,
      },
    },
  });
}

export const ZEEBE_CLIENT = Symbol('ZEEBE_CLIENT');
