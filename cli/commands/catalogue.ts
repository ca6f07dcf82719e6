// `catalogue` and `prices` commands: broker staff load the catalogue and publish prices.
import { createBusinessCalendar, parseExtraNonWorkingDays } from '../../domain/calendar';
import type { RowError } from '../../domain/catalogue-rows';
import { effectiveDateSchema } from '../../domain/catalogue-rows';
import { importCatalogueFile, publishPriceFile } from '../../data/catalogue-files';
import { enqueuePublication } from '../../bot/features/announcements/jobs';
import { withCatalogue, withPublishing } from '../database';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from '../types';

function report(io: CliIo, file: string, errors: RowError[]): number {
  io.err(`${file} : ${errors.length} erreur(s), rien n'a été écrit / nothing was written`);
  for (const e of errors) io.err(`  ligne/line ${e.line}, colonne/column ${e.column} : ${e.reason}`);
  return EXIT_FAILURE;
}

export const catalogueCommand: CliCommand = {
  name: 'catalogue',
  summary: 'Catalogue des offres / offer catalogue',
  usage: [
    'catalogue import FICHIER.xlsx|FICHIER.csv  charge fournisseurs et offres (tout ou rien) / loads suppliers and offers (all or nothing)',
    'catalogue stats                            {"suppliers":…,"offers":…,"categories":…,"priceVersions":…}',
  ],
  async run(argv, io, env = {}) {
    const [sub, file, ...rest] = argv;
    if (sub === 'stats' && file === undefined) {
      const stats = await withCatalogue(env, (store) => store.stats());
      io.out(JSON.stringify(stats));
      return EXIT_OK;
    }
    if (sub === 'import' && file && rest.length === 0) {
      let outcome;
      try {
        outcome = await withCatalogue(env, (store) => importCatalogueFile(file, store));
      } catch (err) {
        io.err(`${file} : ${(err as Error).message}; rien n'a été écrit / nothing was written`);
        return EXIT_FAILURE;
      }
      if (!outcome.ok) return report(io, file, outcome.errors);
      io.out(`importé / imported: ${outcome.value.suppliers} fournisseurs/suppliers, ${outcome.value.offers} offres/offers, ${outcome.value.components} composantes/components`);
      return EXIT_OK;
    }
    io.err('Usage:');
    for (const line of this.usage) io.err(`  npm run cli -- ${line}`);
    return EXIT_USAGE;
  },
};

export const pricesCommand: CliCommand = {
  name: 'prices',
  summary: 'Grilles de prix mensuelles (R8) / monthly price lists (R8)',
  usage: ['prices publish FICHIER.xlsx|FICHIER.csv --effective AAAA-MM-JJ  publie une grille au premier jour ouvrable du mois / publishes on the first business day of the month'],
  async run(argv, io, env = {}) {
    const [sub, file, flag, date, ...rest] = argv;
    if (sub !== 'publish' || !file || flag !== '--effective' || !date || rest.length) {
      io.err('Usage:');
      for (const line of this.usage) io.err(`  npm run cli -- ${line}`);
      return EXIT_USAGE;
    }
    if (!effectiveDateSchema.safeParse(date).success) {
      io.err(`Date invalide / invalid date « ${date} » : AAAA-MM-JJ / YYYY-MM-DD`);
      return EXIT_FAILURE;
    }
    let calendar;
    try {
      calendar = createBusinessCalendar({ extraNonWorkingDays: parseExtraNonWorkingDays(env.extraNonWorkingDays) });
      calendar.isBusinessDay(date);
    } catch (err) {
      io.err((err as Error).message);
      return EXIT_FAILURE;
    }
    try {
      // R8: the announcement and the re-ranking of files in progress are enqueued in the
      // publication's transaction; the running bot delivers them (this process has no Teams).
      const outcome = await withPublishing(env, (store, jobs) =>
        publishPriceFile(file, date, store, calendar, 'cli', (tx, published) => enqueuePublication(jobs, published.effectiveDate, tx)),
      );
      if (!outcome.ok) return report(io, file, outcome.errors);
      const d = outcome.value.diff;
      io.out(
        `publié / published ${date}: ${outcome.value.prices} prix/prices; hausses/up ${d.up.length}, baisses/down ${d.down.length}, ` +
          `offres ajoutées/added ${d.offersAdded.length}, retirées/withdrawn ${d.offersWithdrawn.length}`,
      );
      io.out('annonce en file : le bot la livre aux abonnés / announcement queued: the bot delivers it to subscribers');
      return EXIT_OK;
    } catch (err) {
      io.err((err as Error).message);
      return EXIT_FAILURE;
    }
  },
};
