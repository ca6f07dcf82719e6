// R15: after the kickoff meeting, the client is reminded to request the financial
// authorization, through the durable job engine (due when the meeting ends; a moved
// meeting cancels the pending reminder and enqueues another; the reminder of a meeting
// since moved or cancelled sends nothing).
import { z } from 'zod';
import { renderCard } from '../../../cards/index';
import { noticeCardData } from '../../../cards/notice';
import type { DossierRepository } from '../../../data/dossier-repository';
import type { KickoffRepository } from '../../../data/kickoff-repository';
import { translator, type Locale } from '../../../domain/i18n';
import type { JobKind } from '../../jobs/types';
import { KICKOFF_REMINDER_KIND } from './use-cases';

const payload = z.object({ kickoffId: z.string().min(1).max(100), startsAt: z.string().max(40) });
export type KickoffReminderPayload = z.infer<typeof payload>;

export function kickoffReminderKind(deps: {
  kickoffs: Pick<KickoffRepository, 'get'>;
  dossiers: Pick<DossierRepository, 'get'>;
  localeOf(aadObjectId: string): Promise<Locale>;
}): JobKind<KickoffReminderPayload> {
  return {
    kind: KICKOFF_REMINDER_KIND,
    payload,
    async handle(p, ctx) {
      const kickoff = await deps.kickoffs.get(p.kickoffId);
      // Moved or cancelled since: that meeting's reminder is void (the new meeting has its own).
      if (!kickoff?.meeting || kickoff.meeting.startsAt.toISOString() !== p.startsAt) return;
      const dossier = await deps.dossiers.get(kickoff.dossierId);
      if (!dossier || dossier.state === 'cancelled') return;
      const locale = await deps.localeOf(kickoff.requestedById);
      const t = translator(locale);
      await ctx.deliver([{ key: kickoff.requestedById, target: { aadObjectId: kickoff.requestedById } }], () =>
        renderCard('notice', noticeCardData(t('kickoff.reminder.title'), t('kickoff.reminder.text', { reference: dossier.reference }))),
      );
    },
  };
}
