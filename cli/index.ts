// Entry point of the operator CLI: `npm run cli -- <command>`.
// The only place that reads process.env and touches stdout/stderr; everything
// else goes through runCli (cli/run.ts), which tests call in-process.
import 'dotenv/config';
import { runCli } from './run';
import type { CliEnv, CliIo } from './types';

// `npm run cli -- calendar holidays 2026 | head -3`: a closed pipe is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const io: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

const env: CliEnv = {
  extraNonWorkingDays: process.env.EXTRA_NON_WORKING_DAYS,
  databaseUrl: process.env.DATABASE_URL,
  exitNoticeMonths: process.env.EXIT_NOTICE_MONTHS,
};

// exitCode rather than process.exit(): lets pending output flush.
process.exitCode = await runCli(process.argv.slice(2), io, env);
