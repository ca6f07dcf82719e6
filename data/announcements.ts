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

/** Each conversation's language, from the reference Teams last sent there (French by default). */
export async function conversationLocales(db: Db, conversationIds: readonly string[]): Promise<Map<string, Locale>> {
  const out = new Map<string, Locale>();
  for (let i = 0; i < conversationIds.length; i += 500) {
    const rows = await db.conversationRef.findMany({ where: { conversationId: { in: conversationIds.slice(i, i + 500) } }, select: { conversationId: true, reference: true } });
    for (const r of rows) {
      let locale: unknown;
      try {
        locale = (JSON.parse(r.reference) as { locale?: unknown }).locale;
      } catch {
        locale = undefined;
      }
      out.set(r.conversationId, resolveLocale(locale));
    }
  }
  return out;
}
