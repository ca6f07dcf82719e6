// `offers withdraw OFFER --reason TEXT [--by NAME]`: broker staff withdraw an offer outside the
// monthly list (R8: other characteristics change at any time). The withdrawal, its
// announcement to subscribed conversations and the notices to files that chose or compared
// the offer are written in one transaction; the running bot delivers them.
import { withdrawOffer } from '../../bot/features/announcements/use-cases';
import { MAX_WITHDRAWAL_REASON } from '../../domain/announcement';
import { withPublishing } from '../database';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../types';

export const offersCommand: CliCommand = {
  name: 'offers',
  summary: 'Offres du catalogue (R8) / catalogue offers (R8)',
  usage: ['offers withdraw OFFRE --reason TEXTE [--by NOM]  retire une offre et l\'annonce / withdraws an offer and announces it'],
  async run(argv, io, env = {}) {
    const [sub, offerId, ...rest] = argv;
    const flags = new Map<string, string>();
    for (let i = 0; i < rest.length; i += 2) {
      const [flag, value] = [rest[i]!, rest[i + 1]];
      if ((flag !== '--reason' && flag !== '--by') || value === undefined || flags.has(flag)) {
        flags.clear();
        break;
      }
      flags.set(flag, value);
    }
    const reason = flags.get('--reason')?.trim();
    if (sub !== 'withdraw' || !offerId || !reason) {
      io.err('Usage:');
      for (const line of this.usage) io.err(`  npm run cli -- ${line}`);
      return EXIT_USAGE;
    }
    const by = flags.get('--by')?.trim() || 'cli';
    // The same use case as the staff's card: the same jobs, in the same transaction.
    const outcome = await withPublishing(env, (catalogue, jobs) => withdrawOffer({ catalogue, jobs }, { offerId, reason, by: { id: 'cli', name: by } }));
    if (!outcome.ok && outcome.refused === 'reason_too_long') {
      io.err(`Motif trop long / reason too long (${MAX_WITHDRAWAL_REASON} caractères/characters au plus/at most)`);
      return EXIT_FAILURE;
    }
    if (!outcome.ok) {
      io.err(`Offre inconnue ou déjà retirée / unknown or already withdrawn offer: ${offerId}`);
      return EXIT_FAILURE;
    }
    io.out(`retirée / withdrawn: ${offerId}; annonce en file / announcement queued`);
    return EXIT_OK;
  },
};
