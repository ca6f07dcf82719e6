// Shared types of the operator CLI: every command is a module exporting a CliCommand.

/** Output writers: each call writes one line (the writer adds the newline). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Configuration read from the environment by cli/index.ts (the only place that
 * reads process.env) and passed down to the commands.
 */
export interface CliEnv {
  /** Raw EXTRA_NON_WORKING_DAYS: comma-separated `YYYY-MM-DD` / `--MM-DD`; unset = defaults. */
  extraNonWorkingDays?: string | undefined;
  /** Raw DATABASE_URL; unset = the embedded SQLite default. */
  databaseUrl?: string | undefined;
  /** Raw EXIT_NOTICE_MONTHS: the first exit-transition reminder, months before a contract's end (R30); unset = 6. */
  exitNoticeMonths?: string | undefined;
}

export interface CliCommand {
  /** The first argument selecting the command, e.g. `calendar`. */
  readonly name: string;
  /** One-line description for the general usage. */
  readonly summary: string;
  /** Usage lines (without the `npm run cli --` prefix), e.g. `calendar holidays YYYY`. */
  readonly usage: readonly string[];
  /** Runs the command with the arguments after its name; returns the exit code. */
  run(argv: readonly string[], io: CliIo, env?: CliEnv): number | Promise<number>;
}

export const EXIT_OK = 0;
/** Invalid input (bad date, bad configuration), unknown command, runtime failure. */
export const EXIT_FAILURE = 1;
/** Wrong number of arguments. */
export const EXIT_USAGE = 2;
