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
import { priceAnnouncementCardData, withdrawalAnnouncementCardData } from '../../../cards/announcement';
import { renderCard, type AdaptiveCard } from '../../../cards/index';
import { rerankNoticeCardData } from '../../../cards/rerank-notice';
import { conversationLocales, personalLocales, publicationSummary } from '../../../data/announcements';
import { compareNeeds } from '../../../data/comparison';
import type { Db } from '../../../data/db';
import type { DossierRepository } from '../../../data/dossier-repository';
import { NeedsIncompleteError, PriceVersionNotFoundError, rerankDossier } from '../../../data/rerank';
import type { SubscriptionRepository } from '../../../data/subscription-repository';
import { rerankNotice, type RerankNotice } from '../../../domain/announcement';
import type { CategoryId, PriceDiff } from '../../../domain/catalogue';
import { quebecToday } from '../../../domain/catalogue-format';
import { completeNeeds } from '../../../domain/needs-steps';
import { rerank, type RankedScenario, type Rerank } from '../../../domain/ranking';
import { holdsTheFile, type KickoffState } from '../../../domain/kickoff';
import { DossierNotFoundError, type Dossier } from '../../../domain/dossier';
import type { Actor } from '../../../domain/dossier-history';
import { LOCALES, type Locale } from '../../../domain/i18n';
import type { AnyJobKind, DbClient, JobContext, JobKind, Jobs, Recipient } from '../../jobs/types';

export const PRICES_ANNOUNCE = 'prices.announce';
export const FILES_RERANK = 'files.rerank';
export const OFFER_ANNOUNCE = 'offer.announce';
export const FILES_WITHDRAWAL = 'files.withdrawal';

const publicationPayload = z.object({ effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
type PublicationPayload = z.infer<typeof publicationPayload>;
const changePayload = z.object({ changeId: z.string().min(1).max(100) });
type ChangePayload = z.infer<typeof changePayload>;

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

/** One card to every subscribed conversation that may still read prices (R4), in its language. */
async function announceToSubscribers(deps: AnnouncementJobDeps, ctx: JobContext, build: (locale: Locale) => AdaptiveCard): Promise<{ subscribers: number; sent: number }> {
  const subscribers = await deps.subscriptions.recipients(deps.staffTeamId, deps.isStaff);
  const locales = await conversationLocales(deps.db, subscribers.map((s) => s.conversationId));
  const card = perLocale(build);
  const recipients: Recipient[] = subscribers.map((s) => ({ key: s.conversationId, target: { conversationId: s.conversationId } }));
  const outcomes = await ctx.deliver(recipients, (r) => card(locales.get(r.key) ?? 'fr-CA'));
  return { subscribers: recipients.length, sent: [...outcomes.values()].filter((o) => o.state === 'sent').length };
}

/** 403/404: Teams no longer reaches the conversation; staff see it in `abonnements`, with Teams' answer kept. */
const endSubscription = (deps: AnnouncementJobDeps) => async (_payload: unknown, recipient: Recipient, status: number | null) => deps.subscriptions.markInactive(recipient.key, status);

export function pricesAnnounceKind(deps: AnnouncementJobDeps): JobKind<PublicationPayload> {
  return {
    kind: PRICES_ANNOUNCE,
    payload: publicationPayload,
    async handle(payload, ctx) {
      const summary = await publicationSummary(deps.db, payload.effectiveDate);
      if (!summary) return deps.logger.warn({ effectiveDate: payload.effectiveDate }, 'announcement of an unknown price list: nothing sent');
      const counts = await announceToSubscribers(deps, ctx, (locale) => renderCard('announcement', priceAnnouncementCardData(locale, summary)));
      deps.logger.info({ effectiveDate: payload.effectiveDate, ...counts }, 'price announcement delivered');
    },
    onInactive: endSubscription(deps),
  };
}

export function offerAnnounceKind(deps: AnnouncementJobDeps): JobKind<ChangePayload> {
  return {
    kind: OFFER_ANNOUNCE,
    payload: changePayload,
    async handle(payload, ctx) {
      const change = await deps.db.catalogueChange.findUnique({ where: { id: payload.changeId } });
      const offer = change ? await deps.db.offer.findUnique({ where: { id: change.offerId }, include: { supplier: { select: { name: true } } } }) : null;
      if (!change || !offer) return deps.logger.warn({ changeId: payload.changeId }, 'announcement of an unknown catalogue change: nothing sent');
      const withdrawal = { offerName: offer.name, supplierName: offer.supplier.name, category: offer.category as CategoryId, reason: change.reason, at: change.at };
      const counts = await announceToSubscribers(deps, ctx, (locale) => renderCard('announcement', withdrawalAnnouncementCardData(locale, withdrawal)));
      deps.logger.info({ changeId: change.id, ...counts }, 'withdrawal announcement delivered');
    },
    onInactive: endSubscription(deps),
  };
}

interface FileNotice {
  dossierId: string;
  version: number;
  reference: string;
  hasChoice: boolean;
  /** A kickoff requested or scheduled holds the file: its choice is not reset by the catalogue. */
  held: boolean;
  notice: RerankNotice;
  members: string[];
}

/** A file's rankings before and after a catalogue change, or null when it cannot be compared. */
type Rankings = { before: RankedScenario[]; after: RankedScenario[]; rerank: Rerank } | null;

/**
 * Tells the members of every file in progress whose ranking the change moved enough (R8, R12,
 * R14), then sets their choice back to "to confirm" (kept in the history). Deliveries first: a
 * retry finds the same choices and sends nothing twice.
 */
async function noticeFiles(
  deps: AnnouncementJobDeps,
  ctx: JobContext,
  change: { effectiveDate: string | null; offersWithdrawn: readonly string[]; because: 'prices_changed' | 'offer_withdrawn' },
  rankings: (dossier: Dossier) => Promise<Rankings>,
): Promise<void> {
  const { db, dossiers } = deps;
  const notices: FileNotice[] = [];
  for (const file of await dossiers.inProgress()) {
    const dossier = await dossiers.get(file.id);
    if (!dossier) continue;
    const r = await rankings(dossier);
    if (!r) continue;
    const notice = rerankNotice({ rerank: r.rerank, before: r.before, after: r.after, chosenScenarioId: dossier.choice?.scenarioId ?? null, underRcti: dossier.underRcti, offersWithdrawn: change.offersWithdrawn });
    if (!notice || (change.because === 'offer_withdrawn' && !notice.reasons.includes('offer_withdrawn'))) continue;
    // The file's members: the people of its organization who worked on it.
    const participants = await dossiers.participants(file.id);
    const members = await db.member.findMany({ where: { aadObjectId: { in: participants }, organizationId: dossier.organizationId }, select: { aadObjectId: true } });
    const kickoff = await db.kickoff.findUnique({ where: { dossierId: dossier.id }, select: { state: true } });
    const held = holdsTheFile(kickoff as { state: KickoffState } | null);
    notices.push({ dossierId: dossier.id, version: dossier.version, reference: dossier.reference, hasChoice: dossier.choice !== null, held, notice, members: members.map((m) => m.aadObjectId) });
  }
  if (notices.length === 0) return;
  const people = [...new Set(notices.flatMap((n) => n.members))];
  // In the language each member chose (`langue`), else their chat's.
  const localeOf = await personalLocales(db, people);
  const byKey = new Map<string, { file: FileNotice; aadObjectId: string }>();
  for (const file of notices) for (const aadObjectId of file.members) byKey.set(`${file.dossierId}:${aadObjectId}`, { file, aadObjectId });
  const recipients: Recipient[] = [...byKey].map(([key, v]) => ({ key, target: { aadObjectId: v.aadObjectId } }));
  await ctx.deliver(recipients, (recipient) => {
    const { file, aadObjectId } = byKey.get(recipient.key)!;
    const locale = localeOf.get(aadObjectId) ?? 'fr-CA';
    return renderCard(
      'rerank-notice',
      rerankNoticeCardData(locale, { dossierId: file.dossierId, reference: file.reference, effectiveDate: change.effectiveDate, notice: file.notice, thresholdBp: deps.thresholdBp, choiceReset: file.hasChoice && !file.held, heldByKickoff: file.hasChoice && file.held }),
    );
  });
  // A file its kickoff holds keeps its choice: its members decide, withdrawing the request first (R16).
  for (const file of notices) if (file.hasChoice && !file.held) await dossiers.resetChoiceForCatalogue(file.dossierId, file.version, change.because, COURTIER_ACTOR);
}

export function filesRerankKind(deps: AnnouncementJobDeps): JobKind<PublicationPayload> {
  return {
    kind: FILES_RERANK,
    payload: publicationPayload,
    async handle(payload, ctx) {
      const version = await deps.db.priceVersion.findUnique({ where: { effectiveDate: payload.effectiveDate }, select: { diff: true } });
      if (!version) return;
      const diff = JSON.parse(version.diff) as PriceDiff;
      await noticeFiles(deps, ctx, { effectiveDate: payload.effectiveDate, offersWithdrawn: diff.offersWithdrawn, because: 'prices_changed' }, async (dossier) => {
        try {
          const r = await rerankDossier(deps.db, dossier.id, payload.effectiveDate, deps.thresholdBp);
          return { before: r.before, after: r.after, rerank: r };
        } catch (err) {
          if (err instanceof NeedsIncompleteError || err instanceof PriceVersionNotFoundError || err instanceof DossierNotFoundError) return null;
          throw err;
        }
      });
    },
  };
}

/** The calendar day before an ISO day. */
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function filesWithdrawalKind(deps: AnnouncementJobDeps): JobKind<ChangePayload> {
  return {
    kind: FILES_WITHDRAWAL,
    payload: changePayload,
    async handle(payload, ctx) {
      const change = await deps.db.catalogueChange.findUnique({ where: { id: payload.changeId } });
      if (!change) return;
      // Compared the day before the withdrawal and the day of it (a staff withdrawal counts from its Québec day).
      const day = quebecToday(change.at);
      await noticeFiles(deps, ctx, { effectiveDate: null, offersWithdrawn: [change.offerId], because: 'offer_withdrawn' }, async (dossier) => {
        const needs = completeNeeds(dossier.needs);
        if (!needs) return null;
        const exclusions = dossier.exclusions.map((e) => ({ offerId: e.offerId, reason: e.reason }));
        const before = (await compareNeeds(deps.db, needs, exclusions, dayBefore(day))).scenarios;
        const after = (await compareNeeds(deps.db, needs, exclusions, day)).scenarios;
        return { before, after, rerank: rerank(before, after, deps.thresholdBp) };
      });
    },
  };
}

/** Enqueues a staff withdrawal's announcement and file notices in the caller's transaction. */
export async function enqueueWithdrawal(jobs: Pick<Jobs, 'enqueue'>, changeId: string, tx?: DbClient, now = new Date()): Promise<void> {
  const payload: ChangePayload = { changeId };
  await jobs.enqueue({ kind: OFFER_ANNOUNCE, payload, dueAt: now, dedupeKey: `${OFFER_ANNOUNCE}:${changeId}` }, tx);
  await jobs.enqueue({ kind: FILES_WITHDRAWAL, payload, dueAt: now, dedupeKey: `${FILES_WITHDRAWAL}:${changeId}` }, tx);
}

export function announcementJobKinds(deps: AnnouncementJobDeps): AnyJobKind[] {
  return [pricesAnnounceKind(deps), filesRerankKind(deps), offerAnnounceKind(deps), filesWithdrawalKind(deps)];
}
