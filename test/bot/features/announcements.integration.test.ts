// The announcement jobs' handlers (R8, R4, R12, R14) on real databases loaded with the sample
// catalogue, run with a recording JobContext (test/fixtures/job-context.ts): what each
// subscriber and each file's member would read. The fan-out through the engine (rates,
// restarts, two instances) is tested in announcements-fanout.integration.test.ts.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesRerankKind, filesWithdrawalKind, offerAnnounceKind, pricesAnnounceKind, type AnnouncementJobDeps } from '../../../bot/features/announcements/jobs';
import { conversationLocales, personalLocales } from '../../../data/announcements';
import { CatalogueRepository } from '../../../data/catalogue-repository';
import { ConversationRepository } from '../../../data/conversation-repository';
import { openDatabase, type Database } from '../../../data/db';
import { DossierRepository } from '../../../data/dossier-repository';
import { loadSampleCatalogueIfEmpty } from '../../../data/sample-loader';
import { SubscriptionRepository } from '../../../data/subscription-repository';
import { createBusinessCalendar } from '../../../domain/calendar';
import type { PriceList } from '../../../domain/catalogue';
import { cardText, personalMessage } from '../../fixtures/activities';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../fixtures/db';
import { recordingContext } from '../../fixtures/job-context';

const needs = JSON.parse(readFileSync('data/needs-example.json', 'utf8')) as Record<string, unknown>;
const november = JSON.parse(readFileSync('data/sample/prices-2026-11-02.json', 'utf8')) as PriceList;
/** December: Courriel Boréal Essentiel's licence up from 4,75 $ to 7,00 $ (the lowest changes), Atlantique's down 0,02 $ (its total moves under 1 %). */
const december: PriceList = {
  effectiveDate: '2026-12-01',
  prices: november.prices.map((p) =>
    p.componentId === 'off-boreale-courriel-essentiel-base' ? { ...p, unitPriceCents: 700 } : p.componentId === 'off-atlantique-courriel-base' ? { ...p, unitPriceCents: 608 } : p,
  ),
};
const plain = (text: string) => text.replace(/\u00a0|\u202f/g, ' ');
type User = { id: string; name: string; aadObjectId: string };
const person = (name: string): User => ({ id: `29:${randomUUID()}`, name, aadObjectId: randomUUID() });

describe.each(DB_KINDS)('R8 announcement jobs on %s', (kind) => {
  let tdb: TestDatabase;
  let database: Database;
  let deps: AnnouncementJobDeps;
  let dossiers: DossierRepository;
  const lowestMoves = { id: '', member: person('Rita Rcti') };
  const underThreshold = { id: '', member: person('Paul Petit') };
  let signedId = '';
  let heldId = '';

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    database = openDatabase(tdb.url);
    const { db } = database;
    await loadSampleCatalogueIfEmpty(new CatalogueRepository(db), createBusinessCalendar());
    dossiers = new DossierRepository(db);
    const conversations = new ConversationRepository(db);
    const rcti = await db.organization.create({ data: { name: 'Organisme RCTI', underRcti: true } });
    const other = await db.organization.create({ data: { name: 'Organisme B' } });
    for (const [m, org, locale] of [[lowestMoves.member, rcti, 'fr-CA'], [underThreshold.member, other, 'en-CA']] as const) {
      await db.member.create({ data: { aadObjectId: m.aadObjectId, displayName: m.name, role: 'client', organizationId: org.id } });
      await conversations.save(personalMessage('aide', { user: m, locale }));
    }
    const file = async (org: { id: string }, who: User, scenarioId: string, exclude?: string) => {
      const by = { id: who.aadObjectId, name: who.name };
      let d = await dossiers.create({ organizationId: org.id, title: 'Messagerie 2027' }, by);
      d = await dossiers.saveAnswers(d.id, d.version, needs, 'needs_complete', by);
      if (exclude) d = await dossiers.setExclusion(d.id, d.version, { offerId: exclude, reason: 'Incompatible', by: who.name, at: new Date().toISOString() }, by);
      d = await dossiers.setChoice(d.id, d.version, { scenarioId, priceVersion: '2026-11-02', totalCents: 15_660_000, lowestTotalCents: 15_660_000 }, false, by);
      return d.id;
    };
    // RCTI, chose the lowest (Boréal Essentiel) under November's prices.
    lowestMoves.id = await file(rcti, lowestMoves.member, 'off-boreale-courriel-essentiel');
    // Boréal Essentiel set aside: Atlantique is and stays its lowest; its total moves under 1 %.
    underThreshold.id = await file(other, underThreshold.member, 'off-atlantique-courriel', 'off-boreale-courriel-essentiel');
    // The same choice as the first, with its kickoff requested: the request holds the file.
    heldId = await file(rcti, lowestMoves.member, 'off-boreale-courriel-essentiel');
    await db.kickoff.create({ data: { dossierId: heldId, requestedById: lowestMoves.member.aadObjectId, requestedByName: lowestMoves.member.name, requestDay: '2026-11-20', supplierName: 'Nuage Boréal', offerName: 'Essentiel' } });
    // The same choice as the first, but its contract is signed and recorded: its acquisition is over.
    signedId = await file(rcti, lowestMoves.member, 'off-boreale-courriel-essentiel');
    const offer = await db.offer.findUniqueOrThrow({ where: { id: 'off-boreale-courriel-essentiel' } });
    await db.contract.create({
      data: { organizationId: rcti.id, dossierId: signedId, supplierId: offer.supplierId, signedOn: '2026-11-20', startsOn: '2027-01-01', initialMonths: 36, months: 36, amountCents: 15_660_000n, underRcti: true, createdById: lowestMoves.member.aadObjectId, createdByName: lowestMoves.member.name },
    });
    await new CatalogueRepository(db).publishPrices(december, 'test');
    deps = {
      db,
      subscriptions: new SubscriptionRepository(db),
      dossiers,
      staffTeamId: '19:staff-team',
      isStaff: () => false,
      thresholdBp: 100,
      logger: pino({ level: 'silent' }),
    };
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });

  it('R8, R14: a file whose lowest scenario changes is told (old and new totals, lowest, head authorization now required); its choice goes back to "to confirm", kept in its history', async () => {
    const ctx = recordingContext();
    await filesRerankKind(deps).handle({ effectiveDate: '2026-12-01' }, ctx);
    // Told: this file's member (the file held by its kickoff is told too, see below; the under-threshold one is not).
    const mine = ctx.delivered.filter((d) => JSON.stringify(d.card).includes(lowestMoves.id));
    expect(mine.map((d) => d.target)).toEqual([{ aadObjectId: lowestMoves.member.aadObjectId }]);
    expect(ctx.delivered.map((d) => d.target)).not.toContainEqual({ aadObjectId: underThreshold.member.aadObjectId });
    const text = plain(cardText(mine[0]!.card));
    const file = (await dossiers.get(lowestMoves.id))!;
    expect(text).toContain(`${file.reference} : le classement change`);
    expect(text).toContain("Le scénario au plus bas prix n'est plus le même.");
    // 500 × 12 × 4,75 + 650 × 24 × 4,75 + archive = 156 600 $ under November; 205 200 $ under December.
    expect(text).toContain('156 600,00 $ → 205 200,00 $');
    expect(text).toContain('Plus bas prix maintenant');
    expect(text).toContain("l'autorisation du dirigeant d'organisme, avec une justification, est maintenant requise");
    expect(text).toContain('Votre choix est à confirmer');
    expect(JSON.stringify(mine[0]!.card)).toContain('"verb":"dossier.open"');
    expect(file.choice).toBeNull();
    expect(file.state).toBe('needs_complete');
    const last = (await dossiers.history(file.id)).at(-1)!;
    expect(last.details).toMatchObject({ kind: 'choice_reset', because: 'prices_changed', choice: { scenarioId: 'off-boreale-courriel-essentiel' } });
    expect(last.by.name).toBe('Courtier');
  });

  it('R8, R16: a file its kickoff request holds is told, but keeps its choice: the notice says how to choose again', async () => {
    const ctx = recordingContext();
    await filesRerankKind(deps).handle({ effectiveDate: '2026-12-01' }, ctx);
    const told = ctx.delivered.filter((d) => JSON.stringify(d.card).includes(heldId));
    expect(told).toHaveLength(1);
    const text = plain(cardText(told[0]!.card));
    expect(text).toContain('156 600,00 $ → 205 200,00 $');
    expect(text).toContain('Votre choix reste en place');
    expect(text).not.toContain('Votre choix est à confirmer');
    const file = (await dossiers.get(heldId))!;
    expect(file.choice?.scenarioId).toBe('off-boreale-courriel-essentiel');
    expect((await dossiers.history(heldId)).some((h) => h.details.kind === 'choice_reset')).toBe(false);
  });

  it('R8: a file whose contract is signed and recorded is not re-ranked: no notice, its choice kept', async () => {
    // The re-ranking of the first test told only the unsigned file of the same member.
    const ctx = recordingContext();
    await filesRerankKind(deps).handle({ effectiveDate: '2026-12-01' }, ctx);
    expect(ctx.delivered.filter((d) => JSON.stringify(d.card).includes(signedId))).toEqual([]);
    const file = (await dossiers.get(signedId))!;
    expect(file.choice?.scenarioId).toBe('off-boreale-courriel-essentiel');
    expect((await dossiers.history(signedId)).some((h) => h.details.kind === 'choice_reset')).toBe(false);
  });

  it('R8: a file whose totals move less than RERANK_NOTICE_PERCENT is not told, and keeps its choice', async () => {
    // The re-ranking of the test above told only the other file.
    const file = (await dossiers.get(underThreshold.id))!;
    expect(file.choice?.scenarioId).toBe('off-atlantique-courriel');
    expect(file.state).toBe('ready_for_kickoff');
  });

  it('R8, R4: the announcement reaches each subscriber that may read prices, in its language, and a dead conversation is marked inactive for staff', async () => {
    const { db } = database;
    const conversations = new ConversationRepository(db);
    const subs = new SubscriptionRepository(db);
    const member = lowestMoves.member;
    const personal = `a:personal-${member.aadObjectId}`;
    await subs.subscribe({ conversationId: personal, kind: 'personal', teamId: null, organizationId: null, aadObjectId: member.aadObjectId }, { id: member.aadObjectId, name: member.name });
    const english = underThreshold.member;
    await subs.subscribe({ conversationId: `a:personal-${english.aadObjectId}`, kind: 'personal', teamId: null, organizationId: null, aadObjectId: english.aadObjectId }, { id: english.aadObjectId, name: english.name });
    // A channel of a team linked to an organization that is no longer eligible: skipped (R4).
    const ineligible = await db.organization.create({ data: { name: 'Plus admissible', eligible: false } });
    await subs.link('19:team-x', ineligible.id, { id: 'staff', name: 'Staff' });
    await subs.subscribe({ conversationId: '19:chan-x', kind: 'organization_channel', teamId: '19:team-x', organizationId: ineligible.id, aadObjectId: null }, { id: 'staff', name: 'Staff' });
    // The staff channel whose conversation Teams no longer reaches.
    await conversations.save({ ...personalMessage('aide'), conversation: { id: '19:staff-chan', conversationType: 'channel', isGroup: true, name: 'Général' }, channelData: { team: { id: '19:staff-team' } } });
    await subs.subscribe({ conversationId: '19:staff-chan', kind: 'staff_channel', teamId: '19:staff-team', organizationId: null, aadObjectId: null }, { id: 'staff', name: 'Staff' });

    const kind = pricesAnnounceKind(deps);
    const ctx = recordingContext({ inactive: (t) => 'conversationId' in t && t.conversationId === '19:staff-chan' });
    await kind.handle({ effectiveDate: '2026-12-01' }, ctx);
    for (const r of ctx.inactive) await kind.onInactive!({ effectiveDate: '2026-12-01' }, r, 403);
    expect(ctx.delivered.map((d) => d.key).sort()).toEqual([personal, `a:personal-${english.aadObjectId}`].sort());
    const fr = plain(cardText(ctx.delivered.find((d) => d.key === personal)!.card));
    expect(fr).toContain('Nouveaux prix en vigueur le 1er décembre 2026');
    expect(fr).toMatch(/Prix en hausse\n1\nPrix en baisse\n1\nOffres ajoutées\n0\nOffres retirées\n0/);
    expect(fr).toContain('Courriel — Courriel Boréal Essentiel');
    expect(fr).toContain('4,75 $ → 7,00 $ (+47,37 %)');
    const en = plain(cardText(ctx.delivered.find((d) => d.key !== personal)!.card));
    expect(en).toContain('New prices effective December 1, 2026');
    expect(JSON.stringify(ctx.delivered[0]!.card)).toContain('"verb":"catalogue.home"');
    expect(await subs.inactive()).toEqual([expect.objectContaining({ conversationId: '19:staff-chan', state: 'inactive', inactiveStatus: 403 })]);
  });

  it('R8, R14: staff withdraw an offer: subscribers read it with the reason; the files that chose or compared it are told, and a choice of it goes back to "to confirm"', async () => {
    const { db } = database;
    const store = new CatalogueRepository(db);
    const changeId = (await store.withdrawOffer('off-atlantique-courriel', 'Fournisseur en défaut', { id: 'staff', name: 'Sophie Courtière' }))!;
    expect(await store.withdrawOffer('off-atlantique-courriel', 'Encore', { id: 'staff', name: 'Sophie Courtière' })).toBeNull();
    expect((await store.offer('off-atlantique-courriel', '2099-01-01'))?.withdrawn).toBe(true);

    const announce = recordingContext();
    await offerAnnounceKind(deps).handle({ changeId }, announce);
    expect(announce.delivered.length).toBeGreaterThan(0);
    const fr = plain(cardText(announce.delivered.find((d) => d.key === `a:personal-${lowestMoves.member.aadObjectId}`)!.card));
    expect(fr).toContain('Offre retirée du catalogue : Courriel Marée Standard');
    expect(fr).toContain('Motif : Fournisseur en défaut');

    const files = recordingContext();
    await filesWithdrawalKind(deps).handle({ changeId }, files);
    const toB = files.delivered.find((d) => d.key === `${underThreshold.id}:${underThreshold.member.aadObjectId}`);
    const en = plain(cardText(toB?.card));
    expect(en).toContain('An offer was withdrawn from the catalogue');
    expect(en).toContain('An offer you chose or compared was withdrawn from the catalogue.');
    expect(en).toMatch(/Chosen scenario: Courriel Marée Standard[^\n]*\n[^\n]* → withdrawn/);
    expect(en).toContain('Your choice is to be confirmed again');
    const b = (await dossiers.get(underThreshold.id))!;
    expect(b.choice).toBeNull();
    expect((await dossiers.history(b.id)).at(-1)!.details).toMatchObject({ kind: 'choice_reset', because: 'offer_withdrawn' });
    // File A compared it too (no choice any more since the price update): told, nothing to reset.
    expect(files.delivered.some((d) => d.key === `${lowestMoves.id}:${lowestMoves.member.aadObjectId}`)).toBe(true);
  });

  it('R8: a personal chat reads announcements and re-ranking notices in the language its member chose, not the one Teams sends; a channel keeps its own (French first)', async () => {
    const { db } = database;
    const conversations = new ConversationRepository(db);
    const org = await db.organization.create({ data: { name: `Organisme ${randomUUID()}` } });
    // Zoé's Teams is in French but she chose English; Yan's Teams is in English but he chose French.
    const zoe = person('Zoé Lang');
    const yan = person('Yan Langue');
    for (const [m, teams, chosen] of [[zoe, 'fr-CA', 'en-CA'], [yan, 'en-US', 'fr-CA']] as const) {
      await db.member.create({ data: { aadObjectId: m.aadObjectId, displayName: m.name, role: 'client', organizationId: org.id, locale: chosen } });
      await conversations.save(personalMessage('aide', { user: m, locale: teams }));
    }
    // A channel where Zoé wrote last: its language is not hers.
    const channel = `19:${randomUUID()}@thread.tacv2`;
    await conversations.save({ ...personalMessage('aide', { user: zoe, locale: 'fr-CA' }), conversation: { id: channel, conversationType: 'channel', isGroup: true, name: 'Général' }, channelData: { team: { id: '19:staff-team' } } });
    const zoeChat = `a:personal-${zoe.aadObjectId}`;
    const yanChat = `a:personal-${yan.aadObjectId}`;
    expect(Object.fromEntries(await conversationLocales(db, [zoeChat, yanChat, channel]))).toEqual({ [zoeChat]: 'en-CA', [yanChat]: 'fr-CA', [channel]: 'fr-CA' });
    // The re-ranking notices go to people: the same choice.
    expect(Object.fromEntries(await personalLocales(db, [zoe.aadObjectId, yan.aadObjectId]))).toEqual({ [zoe.aadObjectId]: 'en-CA', [yan.aadObjectId]: 'fr-CA' });

    await new SubscriptionRepository(db).subscribe({ conversationId: zoeChat, kind: 'personal', teamId: null, organizationId: org.id, aadObjectId: zoe.aadObjectId }, { id: zoe.aadObjectId, name: zoe.name });
    const ctx = recordingContext();
    await pricesAnnounceKind(deps).handle({ effectiveDate: '2026-12-01' }, ctx);
    expect(plain(cardText(ctx.delivered.find((d) => d.key === zoeChat)!.card))).toContain('New prices effective December 1, 2026');
  });
});
