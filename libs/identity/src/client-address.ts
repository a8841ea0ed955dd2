import { createParamDecorator, ExecutionContext } from '@nestjs/common';

export interface RequestWithAddress {
  ip?: string;
  socket?: { remoteAddress?: string };
}

/**
 * The caller's address as Express sees it (`request.ip`: the socket's peer unless the app trusts
 * a proxy's X-Forwarded-For), IPv4-mapped IPv6 written as IPv4.
 */
export function clientAddressOf(request: RequestWithAddress): string {
  const address = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

/** The caller's address, in a controller method's parameters. */
export const ClientAddress = createParamDecorator((_: unknown, context: ExecutionContext) =>
  clientAddressOf(context.switchToHttp().getRequest<RequestWithAddress>()),
);
