// The operator CLI's command registry and dispatcher, testable in-process:
// `runCli(argv, io, env)` returns the exit code and writes only through `io`.
// To add a command (catalogue import, prices publish, compare...), write a
// module under cli/commands/ exporting a CliCommand and list it in COMMANDS.
import { calendarCommand } from './commands/calendar';
import { catalogueCommand, pricesCommand } from './commands/catalogue';
import { compareCommand } from './commands/compare';
import { contractsCommand, deadlinesCommand, membersCommand } from './commands/contracts';
import { jobsCommand } from './commands/jobs';
import { offersCommand } from './commands/offers';
import { EXIT_FAILURE, EXIT_OK, type CliCommand, type CliEnv, type CliIo } from './types';

export const COMMANDS: readonly CliCommand[] = [calendarCommand, catalogueCommand, pricesCommand, compareCommand, jobsCommand, offersCommand, membersCommand, contractsCommand, deadlinesCommand];

const HELP = new Set(['help', '--help', '-h']);

export function printUsage(write: (line: string) => void, commands: readonly CliCommand[] = COMMANDS): void {
  write('Courtier — CLI opérateur / operator CLI');
  write('');
  write('Usage: npm run cli -- <commande / command> [arguments]');
  write('');
  write('Commandes / commands:');
  for (const command of commands) {
    write(`  ${command.name}: ${command.summary}`);
    for (const line of command.usage) write(`    ${line}`);
  }
  write('  help: cette aide / this help');
  write('');
  write('Environnement / environment:');
  write('  EXTRA_NON_WORKING_DAYS  jours non ouvrables en plus des jours fériés / non-working days besides public holidays:');
  write('                          YYYY-MM-DD ou / or --MM-DD (chaque année / every year), séparés par des virgules / comma-separated;');
  write('                          remplace les défauts / replaces the defaults (--01-02,--12-24,--12-26,--12-31); none = aucun / none');
  write('');
  write('  EXIT_NOTICE_MONTHS      premier rappel de transition de sortie, en mois avant la fin / first exit-transition reminder, months before the end (3–35, défaut / default 6)');
  write('');
  write('Codes de sortie / exit codes: 0 succès / success, 1 erreur / error, 2 arguments (usage)');
}

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  env: CliEnv = {},
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || HELP.has(name)) {
    const topic = name === undefined ? undefined : commands.find((c) => c.name === args[0]);
    printUsage(io.out, topic ? [topic] : commands);
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Erreur / error: commande inconnue / unknown command: ${name}`);
    io.err('Voir / see: npm run cli -- help');
    return EXIT_FAILURE;
  }
  try {
    return await command.run(args, io, env);
  } catch (error) {
    io.err(`Erreur inattendue / unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}
