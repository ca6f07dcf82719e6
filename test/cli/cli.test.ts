// Operator CLI: commands run in-process through runCli / calendarCommand.run,
// plus real spawns of `npx tsx cli/index.ts` for the entry point.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { calendarCommand } from '../../cli/commands/calendar';
import { runCli } from '../../cli/run';
import type { CliEnv } from '../../cli/types';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function cli(argv: string[], env: CliEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out, err };
}

function spawnCli(args: string[], extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  if (!('EXTRA_NON_WORKING_DAYS' in extraEnv)) delete env.EXTRA_NON_WORKING_DAYS;
  return spawnSync('npx', ['tsx', 'cli/index.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
}

describe('cli calendar (in-process)', () => {
  it('R8: calendar first-business-day 2027-01 prints 2027-01-04', async () => {
    expect(await cli(['calendar', 'first-business-day', '2027-01'])).toEqual({ code: 0, out: ['2027-01-04'], err: [] });
  });

  it('R20: calendar add-business-days 2026-11-27 5 prints 2026-12-04', async () => {
    expect(await cli(['calendar', 'add-business-days', '2026-11-27', '5'])).toEqual({
      code: 0,
      out: ['2026-12-04'],
      err: [],
    });
  });

  it('calendar holidays 2029 prints one "date name" line per non-working day, observed Mondays included', async () => {
    const { code, out, err } = await cli(['calendar', 'holidays', '2029']);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe('2029-01-01 Nouvel An');
    expect(out).toContain('2029-06-25 Fête nationale du Québec (reporté au lundi)');
    expect(out).toContain('2029-07-02 Fête du Canada (reporté au lundi)');
    expect(out).toContain('2029-12-26 Lendemain de Noël');
    expect(out).toHaveLength(15);
  });

  it('EXTRA_NON_WORKING_DAYS replaces the default extra days', async () => {
    expect((await cli(['calendar', 'holidays', '2026'], { extraNonWorkingDays: 'none' })).out).toHaveLength(9);
    const r = await cli(['calendar', 'add-business-days', '2026-11-10', '1'], { extraNonWorkingDays: '--11-11' });
    expect(r).toEqual({ code: 0, out: ['2026-11-12'], err: [] });
  });

  it('an invalid EXTRA_NON_WORKING_DAYS entry fails with a message naming it', async () => {
    const { code, out, err } = await cli(['calendar', 'first-business-day', '2027-01'], {
      extraNonWorkingDays: '--01-02,2026-13-01',
    });
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/EXTRA_NON_WORKING_DAYS.*"2026-13-01"/);
  });

  it.each([
    [['calendar', 'first-business-day', '2026-13'], '"2026-13"'],
    [['calendar', 'add-business-days', '2026-02-30', '5'], '"2026-02-30"'],
    [['calendar', 'add-business-days', '2026-11-27', '-1'], '"-1"'],
    [['calendar', 'add-business-days', '2026-11-27', '1.5'], '"1.5"'],
    [['calendar', 'holidays', 'abc'], '"abc"'],
  ])('invalid input %j exits 1 with a message on stderr', async (argv, fragment) => {
    const { code, out, err } = await cli(argv);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain(fragment);
  });

  it('a wrong number of arguments is a usage error (exit 2)', async () => {
    const { code, err } = await cli(['calendar', 'add-business-days', '2026-11-27']);
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('calendar add-business-days YYYY-MM-DD N');
  });

  it('unknown subcommand exits 1', async () => {
    const { code, err } = await cli(['calendar', 'nope']);
    expect(code).toBe(1);
    expect(err[0]).toContain('calendar nope');
  });

  it('calendarCommand.run works on its own (argv after the command name)', () => {
    const out: string[] = [];
    const code = calendarCommand.run(['first-business-day', '2024-09'], { out: (l) => out.push(l), err: () => {} });
    expect(code).toBe(0);
    expect(out).toEqual(['2024-09-03']);
  });
});

describe('cli dispatcher (in-process)', () => {
  it.each([[[]], [['help']], [['--help']]])('%j prints the usage and exits 0', async (argv) => {
    const { code, out, err } = await cli(argv);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const text = out.join('\n');
    expect(text).toContain('calendar first-business-day YYYY-MM');
    expect(text).toContain('calendar add-business-days YYYY-MM-DD N');
    expect(text).toContain('calendar holidays YYYY');
    expect(text).toContain('EXTRA_NON_WORKING_DAYS');
  });

  it('an unknown command exits 1 with a message on stderr', async () => {
    const { code, out, err } = await cli(['bogus']);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toContain('unknown command: bogus');
  });
});

describe('cli entry point (spawned)', () => {
  it('R8: npx tsx cli/index.ts calendar first-business-day 2027-01 prints 2027-01-04, exit 0', () => {
    const r = spawnCli(['calendar', 'first-business-day', '2027-01']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2027-01-04\n');
    expect(r.status).toBe(0);
  });

  it('an invalid date exits non-zero with the message on stderr', () => {
    const r = spawnCli(['calendar', 'add-business-days', '2026-02-30', '5']);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('invalid date: "2026-02-30"');
  });

  it('reads EXTRA_NON_WORKING_DAYS and is independent of the host time zone', () => {
    const r = spawnCli(['calendar', 'holidays', '2029'], {
      EXTRA_NON_WORKING_DAYS: '--01-02,--12-26',
      TZ: 'Pacific/Kiritimati', // UTC+14
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      '2029-01-01 Nouvel An',
      "2029-01-02 Lendemain du jour de l'An",
      '2029-03-30 Vendredi saint',
      '2029-04-02 Lundi de Pâques',
      '2029-05-21 Journée nationale des patriotes',
      '2029-06-24 Fête nationale du Québec',
      '2029-06-25 Fête nationale du Québec (reporté au lundi)',
      '2029-07-01 Fête du Canada',
      '2029-07-02 Fête du Canada (reporté au lundi)',
      '2029-09-03 Fête du travail',
      '2029-10-08 Action de grâce',
      '2029-12-25 Noël',
      '2029-12-26 Lendemain de Noël',
    ]);
  });
});
