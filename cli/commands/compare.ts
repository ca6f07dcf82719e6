// `compare NEEDS.json`: from needs to choice (guide §3.3–3.4; R2, R6, R7, R12, R14, R32,
// R34, R36). Reads a needs document (format: domain/needs.ts, example:
// data/needs-example.json), evaluates every offer of its category against the latest
// published prices and prints one JSON document:
//   { asOf, priceVersion, category, flags, compliant, excluded (with reasons),
//     scenarios (complete, ranked, lowest marked), incompleteScenarios }
import { readFileSync } from 'node:fs';
import { reasonTexts } from '../../domain/compliance';
import { isIsoDate, validateNeeds } from '../../domain/needs';
import { compareNeeds } from '../../data/comparison';
import { quebecToday } from '../../domain/catalogue-format';
import { withDatabase } from '../database';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../types';

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'Des besoins au choix : offres conformes, scénarios classés (R12, R14) / from needs to choice: compliant offers, ranked scenarios',
  usage: [
    'compare BESOINS.json [--as-of AAAA-MM-JJ]  JSON {flags, compliant, excluded, scenarios}; prix en vigueur à la date (défaut : aujourd\'hui) / prices in force on the date (default: today)',
  ],
  async run(argv, io, env = {}) {
    const [file, flag, date, ...rest] = argv;
    if (!file || rest.length || (flag !== undefined && (flag !== '--as-of' || date === undefined))) {
      io.err('Usage:');
      for (const line of this.usage) io.err(`  npm run cli -- ${line}`);
      return EXIT_USAGE;
    }
    const asOf = date ?? quebecToday();
    if (!isIsoDate(asOf)) {
      io.err(`Date invalide / invalid date « ${asOf} » : AAAA-MM-JJ / YYYY-MM-DD`);
      return EXIT_FAILURE;
    }
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      io.err(`${file} : lecture impossible / cannot read: ${(err as Error).message}`);
      return EXIT_FAILURE;
    }
    const validation = validateNeeds(input);
    if (!validation.ok) {
      io.err(`${file} : ${validation.errors.length} erreur(s) dans les besoins / error(s) in the needs`);
      for (const e of validation.errors) io.err(`  ${e.fr}\n  ${e.en}`);
      return EXIT_FAILURE;
    }
    const needs = validation.needs;
    const { priceVersion, flags, evaluation, scenarios, incompleteScenarios } = await withDatabase(env, (db) => compareNeeds(db, needs, [], asOf));
    const result = {
      asOf,
      priceVersion,
      category: needs.category,
      flags,
      compliant: evaluation.compliant.map((e) => ({
        offerId: e.offerId,
        offerName: e.offerName,
        supplierName: e.supplierName,
        efvpRequired: e.efvpRequired,
        missingComponents: e.missingComponents,
      })),
      excluded: evaluation.excluded.map((e) => ({
        offerId: e.offerId,
        offerName: e.offerName,
        supplierName: e.supplierName,
        reasons: e.reasons.map((r) => ({ ...r, ...reasonTexts(r) })),
      })),
      scenarios,
      incompleteScenarios,
    };
    io.out(JSON.stringify(result, null, 2));
    return EXIT_OK;
  },
};
