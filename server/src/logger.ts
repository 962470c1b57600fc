import pino, { type DestinationStream, type Logger } from 'pino';

/** Structured logs; request bodies, tokens, passwords and client addresses are never logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'refreshToken', '*.refreshToken', 'receiptCode', '*.receiptCode', 'authorization', '*.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
export type { Logger };
