// `calendar` commands: the Québec business-day calendar (domain/calendar.ts) for operators.
import { CalendarInputError, createBusinessCalendar, parseExtraNonWorkingDays, parseYear, type BusinessCalendar, } from '../../domain/calendar';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliEnv, type CliIo } from '../types';

interface Subcommand {
  readonly usage: string;
  readonly args: number;
  run(calendar: BusinessCalendar, args: readonly string[], io: CliIo): void;
}

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  'first-business-day': {
    usage: 'calendar first-business-day YYYY-MM',
    args: 1,
    run: (calendar, [month], io) => io.out(calendar.firstBusinessDayOfMonth(month ?? '')),
  },
  'add-business-days': {
    usage: 'calendar add-business-days YYYY-MM-DD N',
    args: 2,
    run: (calendar, [date, n], io) => io.out(calendar.addBusinessDays(date ?? '', parseCount(n ?? ''))),
  },
  holidays: {
    usage: 'calendar holidays YYYY',
    args: 1,
    run: (calendar, [year], io) => {
      for (const day of calendar.holidaysOf(parseYear(year ?? ''))) io.out(`${day.date} ${day.name}`);
    },
  },
};

/** N must be written as a plain non-negative integer (no `1e3`, `0x10`, `2.0`). */
function parseCount(text: string): number {
  if (!/^\d{1,9}$/.test(text)) {
    throw new CalendarInputError(
      `Nombre de jours ouvrables invalide / invalid business-day count: ${JSON.stringify(text)} ` +
        '(entier >= 0 / integer >= 0)',
      text,
    );
  }
  return Number(text);
}

function printUsage(write: (line: string) => void): void {
  write('Usage: npm run cli -- calendar <sous-commande / subcommand>');
  for (const line of calendarCommand.usage) write(`  ${line}`);
}

export const calendarCommand: CliCommand = {
  name: 'calendar',
  summary: 'Calendrier des jours ouvrables du Québec / Québec business-day calendar',
  usage: [
    'calendar first-business-day YYYY-MM      premier jour ouvrable du mois / first business day of the month (R8)',
    'calendar add-business-days YYYY-MM-DD N  N jours ouvrables après la date / N business days after the date (R20)',
    'calendar holidays YYYY                   jours non ouvrables de l’année / non-working days of the year',
  ],
  run(argv: readonly string[], io: CliIo, env: CliEnv = {}): number {
    const [name, ...args] = argv;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      printUsage(io.out);
      return EXIT_OK;
    }
    const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
    if (!sub) {
      io.err(`Erreur / error: sous-commande inconnue / unknown subcommand: calendar ${name}`);
      printUsage(io.err);
      return EXIT_FAILURE;
    }
    if (args.length !== sub.args) {
      io.err(`Erreur / error: ${sub.args} argument(s) attendu(s) / expected: ${sub.usage}`);
      return EXIT_USAGE;
    }
    try {
      let extraNonWorkingDays: readonly string[];
      try {
        extraNonWorkingDays = parseExtraNonWorkingDays(env.extraNonWorkingDays);
      } catch (error) {
        if (error instanceof CalendarInputError) {
          throw new CalendarInputError(`EXTRA_NON_WORKING_DAYS: ${error.message}`, error.input);
        }
        throw error;
      }
      sub.run(createBusinessCalendar({ extraNonWorkingDays }), args, io);
      return EXIT_OK;
    } catch (error) {
      if (error instanceof CalendarInputError) {
        io.err(`Erreur / error: ${error.message}`);
        return EXIT_FAILURE;
      }
      throw error;
    }
  },
};
