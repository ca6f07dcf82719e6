// `members`, `contracts` and `deadlines` commands: the operator onboards organizations and
// their representatives, records specific contracts in bulk and reads what the guide asks
// of a contract and when (R20–R32). Output is JSON; an import is all or nothing.
import { createBusinessCalendar, parseExtraNonWorkingDays, type BusinessCalendar, type IsoDate } from '../../domain/calendar';
import type { RowError } from '../../domain/catalogue-rows';
import { checkDate, checkTerms, endOf, keepRecordsUntil, problemText, stateOn } from '../../domain/contracts';
import { contractDeadlines, DEADLINE_RULES, nextDeadline, parseExitNoticeMonths, SEAO_VALUES, transmissionDue, type DeadlineKind } from '../../domain/deadlines';
import { translator } from '../../domain/i18n';
import { quebecToday } from '../../domain/catalogue-format';
import { importContractsFile, importMembersFile } from '../../data/contract-files';
import { ContractRepository, type ContractRecord } from '../../data/contract-repository';
import { databaseKind, defaultDatabaseUrl } from '../../data/database-url';
import type { Db } from '../../data/db';
import { withDatabase } from '../database';
import { cliJobs } from '../jobs';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliEnv, type CliIo } from '../types';

const fr = translator('fr-CA');

function usage(io: CliIo, command: CliCommand): number {
  io.err('Usage:');
  for (const line of command.usage) io.err(`  npm run cli -- ${line}`);
  return EXIT_USAGE;
}

/** All or nothing: the row report, nothing written. */
function refused(io: CliIo, file: string, errors: RowError[]): number {
  io.out(JSON.stringify({ ok: false, file, written: 0, errors }, null, 2));
  io.err(`${file} : ${errors.length} erreur(s), rien n'a été écrit / nothing was written`);
  return EXIT_FAILURE;
}

function settings(env: CliEnv): { calendar: BusinessCalendar; exitNoticeMonths: number } {
  return {
    calendar: createBusinessCalendar({ extraNonWorkingDays: parseExtraNonWorkingDays(env.extraNonWorkingDays) }),
    exitNoticeMonths: parseExitNoticeMonths(env.exitNoticeMonths),
  };
}

function withContracts<T>(env: CliEnv, work: (db: Db, contracts: ContractRepository) => Promise<T>): Promise<T> {
  const { calendar, exitNoticeMonths } = settings(env);
  const kind = databaseKind(env.databaseUrl || defaultDatabaseUrl);
  return withDatabase(env, (db) => work(db, new ContractRepository(db, { calendar, exitNoticeMonths, jobs: cliJobs(db, kind), today: () => quebecToday(), now: () => new Date() })));
}

/** A contract as the operator reads it: state, end, next deadline, records kept until (R31). */
export function contractJson(c: ContractRecord, today: string) {
  const next = nextDeadline(c.deadlines.filter((d) => !d.cancelledAt));
  return {
    id: c.id,
    organization: c.organizationName,
    supplier: c.supplierName,
    offers: c.offers.map((o) => o.name),
    signedOn: c.signedOn,
    startsOn: c.startsOn,
    months: c.months,
    endsOn: endOf(c),
    amountCents: c.amountCents,
    underRcti: c.underRcti,
    state: stateOn(c, today),
    contacts: c.contacts.map((x) => x.aadObjectId),
    amendments: c.amendments.length,
    nextDeadline: next ? { kind: next.kind, rule: DEADLINE_RULES[next.kind].rule, dueOn: next.dueOn } : null,
    keepRecordsUntil: keepRecordsUntil(c),
  };
}

export const membersCommand: CliCommand = {
  name: 'members',
  summary: 'Organismes admissibles et leurs représentants / eligible organizations and their representatives',
  usage: ['members import FICHIER.csv|FICHIER.xlsx  colonnes/columns organization,under_rcti,aad_object_id,name,email,role (tout ou rien / all or nothing)'],
  async run(argv, io, env = {}) {
    const [sub, file, ...rest] = argv;
    if (sub !== 'import' || !file || rest.length) return usage(io, this);
    const outcome = await withDatabase(env, (db) => importMembersFile(file, db));
    if (!outcome.ok) return refused(io, file, outcome.errors);
    io.out(JSON.stringify({ ok: true, file, ...outcome.value }, null, 2));
    return EXIT_OK;
  },
};

export const contractsCommand: CliCommand = {
  name: 'contracts',
  summary: 'Contrats spécifiques / specific contracts (R20–R32)',
  usage: [
    'contracts import FICHIER.csv|FICHIER.xlsx  colonnes/columns organization,supplier,offer,signed_on,starts_on,months,amount,contact_aad_object_id',
    '                                           une ligne par offre ; même organisme, fournisseur et signed_on = un contrat (montants additionnés)',
    '                                           one row per offer; same organization, supplier and signed_on = one contract (amounts added up)',
    'contracts list [--organization NOM]        état, fin, prochaine échéance, conservation / state, end, next deadline, records kept until',
  ],
  async run(argv, io, env = {}) {
    const [sub, ...args] = argv;
    try {
      settings(env);
    } catch (err) {
      io.err(`Erreur / error: ${(err as Error).message}`);
      return EXIT_FAILURE;
    }
    if (sub === 'import' && args.length === 1) {
      const file = args[0]!;
      const outcome = await withContracts(env, (db, contracts) => importContractsFile(file, db, contracts, quebecToday() as IsoDate));
      if (!outcome.ok) return refused(io, file, outcome.errors);
      const today = quebecToday();
      io.out(JSON.stringify({ ok: true, file, contracts: outcome.value.map((c) => contractJson(c, today)) }, null, 2));
      return EXIT_OK;
    }
    const organization = args[0] === '--organization' && args.length === 2 ? args[1] : undefined;
    if (sub === 'list' && (args.length === 0 || organization)) {
      const list = await withContracts(env, async (db, contracts) => {
        if (organization === undefined) return contracts.list(null);
        const org = (await db.organization.findMany()).find((o) => o.name.toLowerCase() === organization.trim().toLowerCase());
        return org ? contracts.list(org.id) : null;
      });
      if (!list) {
        io.err(`Erreur / error: organisme inconnu / unknown organization « ${organization} »`);
        return EXIT_FAILURE;
      }
      const today = quebecToday();
      io.out(JSON.stringify(list.map((c) => contractJson(c, today)), null, 2));
      return EXIT_OK;
    }
    return usage(io, this);
  },
};

interface DeadlineLine {
  kind: DeadlineKind;
  rule: string;
  section: string;
  title: string;
  remindOn?: string[];
  dueOn: string | null;
  escalatesToStaff?: boolean;
  note?: string;
  seao?: typeof SEAO_VALUES;
}

function line(kind: DeadlineKind, extra: Partial<DeadlineLine> = {}): DeadlineLine {
  return { kind, ...DEADLINE_RULES[kind], title: fr(`deadline.${kind}.title`), dueOn: null, ...extra };
}

/** Every deadline of such a contract; without a start and duration, those of the signature only. */
export function deadlinesReport(input: { signedOn: IsoDate; startsOn?: IsoDate; months?: number; underRcti: boolean }, calendar: BusinessCalendar, exitNoticeMonths: number) {
  const lines: DeadlineLine[] = [];
  if (input.startsOn && input.months) {
    const schedule = { signedOn: input.signedOn, startsOn: input.startsOn, months: input.months, underRcti: input.underRcti, amendments: [] };
    for (const d of contractDeadlines(schedule, calendar, { exitNoticeMonths })) {
      lines.push(line(d.kind, { remindOn: d.remindOn, dueOn: d.dueOn, escalatesToStaff: d.escalates, ...(d.kind === 'end_evaluation' ? { note: fr('deadline.end_evaluation.rule') } : {}), ...(d.kind === 'seao_publication' ? { seao: SEAO_VALUES } : {}) }));
    }
  } else {
    lines.push(line('signed_contract', { remindOn: [input.signedOn], dueOn: transmissionDue(calendar, input.signedOn), escalatesToStaff: true }));
    if (input.underRcti) {
      lines.push(line('seao_publication', { remindOn: [input.signedOn], dueOn: input.signedOn, seao: SEAO_VALUES }));
      lines.push(line('end_evaluation', { note: fr('deadline.end_evaluation.rule') }));
    }
  }
  lines.push(line('signed_amendment', { note: fr('deadline.signed_amendment.rule') }));
  lines.push(line('management_fee', { note: fr('deadline.management_fee.what') }));
  const endsOn = input.startsOn && input.months ? endOf({ startsOn: input.startsOn, months: input.months }) : null;
  if (input.startsOn && input.months) lines.push(line('records', { dueOn: keepRecordsUntil({ startsOn: input.startsOn, months: input.months }) }));
  return { signedOn: input.signedOn, startsOn: input.startsOn ?? null, months: input.months ?? null, underRcti: input.underRcti, endsOn, deadlines: lines };
}

export const deadlinesCommand: CliCommand = {
  name: 'deadlines',
  summary: 'Échéances du guide pour un contrat / the guide’s deadlines for a contract (R20–R31)',
  usage: ['deadlines --signed-on AAAA-MM-JJ [--starts-on AAAA-MM-JJ --months N] [--rcti]'],
  run(argv, io, env = {}) {
    const flags = new Map<string, string>();
    let rcti = false;
    for (let i = 0; i < argv.length; i += 1) {
      const flag = argv[i]!;
      if (flag === '--rcti') rcti = true;
      else if (['--signed-on', '--starts-on', '--months'].includes(flag) && argv[i + 1] !== undefined && !flags.has(flag)) flags.set(flag, argv[(i += 1)]!);
      else return usage(io, this);
    }
    const signedOn = flags.get('--signed-on');
    const startsOn = flags.get('--starts-on');
    const months = flags.get('--months');
    if (!signedOn || (startsOn === undefined) !== (months === undefined)) return usage(io, this);
    let config;
    try {
      config = settings(env);
    } catch (err) {
      io.err(`Erreur / error: ${(err as Error).message}`);
      return EXIT_FAILURE;
    }
    const problems = startsOn !== undefined && months !== undefined ? checkTerms({ signedOn, startsOn, months }) : null;
    const signed = checkDate('signedOn', signedOn);
    const problem = problems && !problems.ok ? problems.problems[0] : typeof signed === 'string' ? null : signed;
    if (problem) {
      const flag = { signedOn: '--signed-on', startsOn: '--starts-on', months: '--months' }[problem.field] ?? problem.field;
      io.err(`Erreur / error: ${flag} : ${problemText(problem, 'fr-CA')}`);
      return EXIT_FAILURE;
    }
    const terms = problems?.ok ? problems.value : null;
    const report = deadlinesReport({ signedOn: signed as IsoDate, ...(terms ? { startsOn: terms.startsOn, months: terms.months } : {}), underRcti: rcti }, config.calendar, config.exitNoticeMonths);
    io.out(JSON.stringify(report, null, 2));
    return EXIT_OK;
  },
};
