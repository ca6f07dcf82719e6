// What the announcement jobs read (R8): a publication's summary from its recorded diff, a
// staff catalogue change, and each subscribed conversation's language.
import { summarizePublication, type PublicationSummary } from '../domain/announcement';
import type { CategoryId, PriceDiff } from '../domain/catalogue';
import { resolveLocale, type Locale } from '../domain/i18n';
import type { Db } from './db';

/** The summary of the list effective on `effectiveDate`, or null when no such list exists. */
export async function publicationSummary(db: Db, effectiveDate: string): Promise<PublicationSummary | null> {
  const version = await db.priceVersion.findUnique({ where: { effectiveDate }, select: { diff: true } });
  if (!version) return null;
  const diff = JSON.parse(version.diff) as PriceDiff;
  const changes = [...diff.up, ...diff.down];
  const offerIds = [...new Set(changes.map((c) => c.offerId))];
  const componentIds = [...new Set(changes.map((c) => c.componentId))];
  const offers = new Map<string, { name: string; category: CategoryId }>();
  const components = new Map<string, string>();
  for (let i = 0; i < offerIds.length; i += 500) {
    for (const o of await db.offer.findMany({ where: { id: { in: offerIds.slice(i, i + 500) } }, select: { id: true, name: true, category: true } })) {
      offers.set(o.id, { name: o.name, category: o.category as CategoryId });
    }
  }
  for (let i = 0; i < componentIds.length; i += 500) {
    for (const c of await db.offerComponent.findMany({ where: { id: { in: componentIds.slice(i, i + 500) } }, select: { id: true, name: true } })) components.set(c.id, c.name);
  }
  return summarizePublication(effectiveDate, { ...diff, previousEffectiveDate: diff.previousEffectiveDate ?? null }, { offers, components });
}

const teamsLocale = (reference: string): unknown => {
  try {
    return (JSON.parse(reference) as { locale?: unknown }).locale;
  } catch {
    return undefined;
  }
};

/** The languages members chose (`langue`), for those who chose one. */
async function chosenLocales(db: Db, aadObjectIds: readonly string[]): Promise<Map<string, Locale>> {
  const out = new Map<string, Locale>();
  for (let i = 0; i < aadObjectIds.length; i += 500) {
    const rows = await db.member.findMany({ where: { aadObjectId: { in: aadObjectIds.slice(i, i + 500) }, locale: { not: null } }, select: { aadObjectId: true, locale: true } });
    for (const m of rows) if (m.locale === 'fr-CA' || m.locale === 'en-CA') out.set(m.aadObjectId, m.locale);
  }
  return out;
}

/**
 * Each conversation's language: in a personal chat, the language its member chose, else the
 * one Teams last sent there; in a channel or group chat, Teams' (French by default), never
 * one person's choice.
 */
export async function conversationLocales(db: Db, conversationIds: readonly string[]): Promise<Map<string, Locale>> {
  const rows: Array<{ conversationId: string; kind: string; userAadId: string | null; reference: string }> = [];
  for (let i = 0; i < conversationIds.length; i += 500) {
    rows.push(...(await db.conversationRef.findMany({ where: { conversationId: { in: conversationIds.slice(i, i + 500) } }, select: { conversationId: true, kind: true, userAadId: true, reference: true } })));
  }
  const chosen = await chosenLocales(db, [...new Set(rows.flatMap((r) => (r.kind === 'personal' && r.userAadId ? [r.userAadId] : [])))]);
  return new Map(rows.map((r) => [r.conversationId, resolveLocale(teamsLocale(r.reference), r.kind === 'personal' && r.userAadId ? chosen.get(r.userAadId) : null)]));
}

/** Each person's language in their personal chat: the one they chose, else Teams' there (French by default). */
export async function personalLocales(db: Db, aadObjectIds: readonly string[]): Promise<Map<string, Locale>> {
  const refs = await db.conversationRef.findMany({ where: { userAadId: { in: [...aadObjectIds] }, kind: 'personal' }, select: { userAadId: true, reference: true } });
  const teams = new Map(refs.map((r) => [r.userAadId!, teamsLocale(r.reference)]));
  const chosen = await chosenLocales(db, aadObjectIds);
  return new Map(aadObjectIds.map((id) => [id, resolveLocale(teams.get(id), chosen.get(id))]));
}
