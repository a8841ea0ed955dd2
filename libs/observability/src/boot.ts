import { ConfigError } from '@loanflow/config';

/** Starts a process; a bad setting or a failed boot ends it with one readable line and exit 1. */
export function bootOrExit(name: string, boot: () => Promise<void>): void {
  boot().catch((error: unknown) => {
    const reason =
      error instanceof ConfigError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    console.error(`${name} could not start: ${reason}`);
    process.exit(1);
  });
}
