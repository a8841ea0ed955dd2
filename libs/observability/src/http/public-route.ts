import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'loanflow:public';

/** Reachable without a token: sign-in, health and metrics. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
