// The durable jobs of change notices (R8), run by the job engine in the bot's process:
//   - prices.announce: a publication's announcement to every subscribed conversation that may
//     still read prices (R4), once per conversation (the engine's Delivery rows);
//   - files.rerank: every file in progress re-ranked with the new prices; the members of a file
//     whose ranking changed enough are told (R8, R12, R14), and its choice goes back to "to
//     confirm", kept in the file's history.
// Both are enqueued in the publication's transaction (cli prices publish), so a publication
// is announced exactly when it is written, even from a process without Teams.
import type { Logger } from 'pino';
import { z } from 'zod';
import { priceAnnouncementCardData } from '../../../cards/announcement';
import { renderCard, type AdaptiveCard } from '../../../cards/index';
import { rerankNoticeCardData } from '../../../cards/rerank-notice';
import { conversationLocales, publicationSummary } from '../../../data/announcements';
import type { Db } from '../../../data/db';
import type { DossierRepository } from '../../../data/dossier-repository';
import { NeedsIncompleteError, PriceVersionNotFoundError, rerankDossier } from '../../../data/rerank';
import type { SubscriptionRepository } from '../../../data/subscription-repository';
import { rerankNotice, type RerankNotice } from '../../../domain/announcement';
import type { PriceDiff } from '../../../domain/catalogue';
import { DossierNotFoundError } from '../../../domain/dossier';
import type { Actor } from '../../../domain/dossier-history';
import { LOCALES, resolveLocale, type Locale } from '../../../domain/i18n';
import type { AnyJobKind, DbClient, JobKind, Jobs, Recipient } from '../../jobs/types';

export const PRICES_ANNOUNCE = 'prices.announce';
export const FILES_RERANK = 'files.rerank';

const publicationPayload = z.object({ effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
type PublicationPayload = z.infer<typeof publicationPayload>;

/** Who writes a file's history when the catalogue, not a person, resets its choice. */
export const COURTIER_ACTOR: Actor = { id: 'courtier', name: 'Courtier' };

/**
 * Enqueues a publication's announcement and re-ranking in the caller's transaction (`tx`):
 * both exist exactly when the publication does. Idempotent: the dedupe keys name the date.
 */
export async function enqueuePublication(jobs: Pick<Jobs, 'enqueue'>, effectiveDate: string, tx?: DbClient, now = new Date()): Promise<void> {
  const payload: PublicationPayload = { effectiveDate };
  await jobs.enqueue({ kind: PRICES_ANNOUNCE, payload, dueAt: now, dedupeKey: `${PRICES_ANNOUNCE}:${effectiveDate}` }, tx);
  await jobs.enqueue({ kind: FILES_RERANK, payload, dueAt: now, dedupeKey: `${FILES_RERANK}:${effectiveDate}` }, tx);
}

export interface AnnouncementJobDeps {
  db: Db;
  subscriptions: SubscriptionRepository;
  dossiers: DossierRepository;
  staffTeamId: string | undefined;
  isStaff(aadObjectId: string): boolean;
  /** RERANK_NOTICE_PERCENT in basis points. */
  thresholdBp: number;
  logger: Logger;
}

/** One card per language, rendered once for every recipient. */
function perLocale(build: (locale: Locale) => AdaptiveCard): (locale: Locale) => AdaptiveCard {
  const cards = new Map(LOCALES.map((l) => [l, build(l)]));
  return (locale) => cards.get(locale)!;
}

export function pricesAnnounceKind(deps: AnnouncementJobDeps): JobKind<PublicationPayload> {
  return {
    kind: PRICES_ANNOUNCE,
    payload: publicationPayload,
    async handle(payload, ctx) {
      const summary = await publicationSummary(deps.db, payload.effectiveDate);
      if (!summary) return deps.logger.warn({ effectiveDate: payload.effectiveDate }, 'announcement of an unknown price list: nothing sent');
      const subscribers = await deps.subscriptions.recipients(deps.staffTeamId, deps.isStaff);
      const locales = await conversationLocales(deps.db, subscribers.map((s) => s.conversationId));
      const card = perLocale((locale) => renderCard('announcement', priceAnnouncementCardData(locale, summary)));
      const recipients: Recipient[] = subscribers.map((s) => ({ key: s.conversationId, target: { conversationId: s.conversationId } }));
      const outcomes = await ctx.deliver(recipients, (r) => card(locales.get(r.key) ?? 'fr-CA'));
      deps.logger.info({ effectiveDate: payload.effectiveDate, subscribers: recipients.length, sent: [...outcomes.values()].filter((o) => o.state === 'sent').length }, 'price announcement delivered');
    },
    // 403/404: Teams no longer reaches the conversation; staff see it in `abonnements`.
    async onInactive(_payload, recipient) {
      await deps.subscriptions.markInactive(recipient.key, null);
    },
  };
}

interface FileNotice {
  dossierId: string;
  version: number;
  reference: string;
  hasChoice: boolean;
  notice: RerankNotice;
  members: string[];
}

export function filesRerankKind(deps: AnnouncementJobDeps): JobKind<PublicationPayload> {
  const { db, dossiers } = deps;
  return {
    kind: FILES_RERANK,
    payload: publicationPayload,
    async handle(payload, ctx) {
      const version = await db.priceVersion.findUnique({ where: { effectiveDate: payload.effectiveDate }, select: { diff: true } });
      if (!version) return;
      const diff = JSON.parse(version.diff) as PriceDiff;
      const notices: FileNotice[] = [];
      for (const file of await dossiers.inProgress()) {
        let r;
        try {
          r = await rerankDossier(db, file.id, payload.effectiveDate, deps.thresholdBp);
        } catch (err) {
          if (err instanceof NeedsIncompleteError || err instanceof PriceVersionNotFoundError || err instanceof DossierNotFoundError) continue;
          throw err;
        }
        const dossier = await dossiers.get(file.id);
        if (!dossier) continue;
        const notice = rerankNotice({ rerank: r, before: r.before, after: r.after, chosenScenarioId: dossier.choice?.scenarioId ?? null, underRcti: dossier.underRcti, offersWithdrawn: diff.offersWithdrawn });
        if (!notice) continue;
        // The file's members: the people of its organization who worked on it.
        const participants = await dossiers.participants(file.id);
        const members = await db.member.findMany({ where: { aadObjectId: { in: participants }, organizationId: dossier.organizationId }, select: { aadObjectId: true } });
        notices.push({ dossierId: dossier.id, version: dossier.version, reference: dossier.reference, hasChoice: dossier.choice !== null, notice, members: members.map((m) => m.aadObjectId) });
      }
      if (notices.length === 0) return;
      const people = [...new Set(notices.flatMap((n) => n.members))];
      const refs = await db.conversationRef.findMany({ where: { userAadId: { in: people }, kind: 'personal' }, select: { userAadId: true, reference: true } });
      const localeOf = new Map(refs.map((r) => [r.userAadId, resolveLocale((JSON.parse(r.reference) as { locale?: unknown }).locale)]));
      const byKey = new Map<string, { file: FileNotice; aadObjectId: string }>();
      for (const file of notices) for (const aadObjectId of file.members) byKey.set(`${file.dossierId}:${aadObjectId}`, { file, aadObjectId });
      const recipients: Recipient[] = [...byKey].map(([key, v]) => ({ key, target: { aadObjectId: v.aadObjectId } }));
      await ctx.deliver(recipients, (recipient) => {
        const { file, aadObjectId } = byKey.get(recipient.key)!;
        const locale = localeOf.get(aadObjectId) ?? 'fr-CA';
        return renderCard(
          'rerank-notice',
          rerankNoticeCardData(locale, { dossierId: file.dossierId, reference: file.reference, effectiveDate: payload.effectiveDate, notice: file.notice, thresholdBp: deps.thresholdBp, choiceReset: file.hasChoice }),
        );
      });
      // After the notices: a retry finds the same choices and sends nothing twice.
      for (const file of notices) if (file.hasChoice) await dossiers.resetChoiceForCatalogue(file.dossierId, file.version, 'prices_changed', COURTIER_ACTOR);
    },
  };
}

export function announcementJobKinds(deps: AnnouncementJobDeps): AnyJobKind[] {
  return [pricesAnnounceKind(deps), filesRerankKind(deps)];
}
