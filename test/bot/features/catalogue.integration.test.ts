// Browsing the catalogue over real HTTP with a real database, on SQLite and PostgreSQL,
// with the fictional sample catalogue and both its price lists loaded (November's in force).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueSchema, priceListSchema, type Catalogue } from '../../../domain/catalogue';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { cardOf, cardText, invoke, invokeResponseOf, personalMessage, post, type PostResult } from '../../fixtures/activities';

const readSample = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../data/sample/${name}`, import.meta.url), 'utf8'));
const sample: Catalogue = catalogueSchema.parse(readSample('catalogue.json'));

/** Four unpriced e-mail offers of a test supplier, so that "Courriel" has 11 offers: two pages of 8. */
const extra: Catalogue = catalogueSchema.parse({
  suppliers: [
    {
      id: 'sup-zeta',
      name: 'Zeta Pagination inc.',
      technicalContact: { name: 'Test Technique', email: 'soutien@zeta.example' },
      contractContact: { name: 'Test Contrat', email: 'contrats@zeta.example' },
    },
  ],
  offers: [1, 2, 3, 4].map((n) => ({
    id: `off-zeta-courriel-${n}`,
    supplierId: 'sup-zeta',
    name: `Zeta Courriel ${n}`,
    category: 'courriel',
    status: 'qualified',
    components: [{ id: `off-zeta-courriel-${n}-base`, name: 'Licence', kind: 'base', pricingUnit: 'utilisateur/mois' }],
    hosting: [{ place: 'Montréal (Québec)', class: 'quebec' }],
    terms: { billingFrequency: 'monthly', minQuantity: 0, minDurationMonths: 0, quantityMayDecrease: true, billAllUsersFromSignature: false, yearlyEscalationBp: 0 },
  })),
});

/** Every supplier and offer name: none may reach someone without access (R3, R4). */
const confidentialNames = [...sample.suppliers.map((s) => s.name), ...sample.offers.map((o) => o.name), ...extra.offers.map((o) => o.name)];

type User = { id: string; name: string; aadObjectId: string };
const user = (n: number, name: string): User => ({ id: `29:cat-${n}`, name, aadObjectId: `00000000-0000-0000-0000-0000000${String(n).padStart(5, '0')}` });
const STRANGER = user(101, 'Pat Inconnu');
const CLIENT = user(102, 'Camille Cliente');
const CLIENT_EN = user(103, 'Jordan Client');
const CLIENT_VERB_FIRST = user(104, 'Sam Premier');
const INELIGIBLE = user(105, 'Ines Inadmissible');
const CLIENT_NEW = user(106, 'Dominique Nouvelle');

const NBSP = '\u00a0';
/** Intl's French amounts use no-break spaces; compare on plain spaces when the exact byte does not matter. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

type Card = Record<string, unknown>;
const cardOfInvoke = (r: PostResult): Card => {
  const body = invokeResponseOf(r);
  expect(body?.statusCode, JSON.stringify(body)).toBe(200);
  expect(body?.type).toBe('application/vnd.microsoft.card.adaptive');
  return body!.value as Card;
};

/** The rows of an offer list: each ColumnSet opening an offer, with its cells' texts. */
function offerRows(card: Card): Array<{ offerId: string; cells: string[] }> {
  const rows: Array<{ offerId: string; cells: string[] }> = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    const action = o.selectAction as { verb?: string; data?: { offerId?: string } } | undefined;
    if (o.type === 'ColumnSet' && action?.verb === 'catalogue.offer') {
      rows.push({ offerId: action.data!.offerId!, cells: cardText(o.columns).split('\n') });
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(card.body);
  return rows;
}

/** The categories of the categories card, in display order. */
function categoryRows(card: Card): Array<{ category: string; page: number; cells: string[] }> {
  const container = (card.body as Array<Record<string, unknown>>).find((b) => b.type === 'Container') as { items: Array<Record<string, unknown>> };
  return container.items.map((row) => {
    const action = row.selectAction as { type: string; verb: string; data: { category: string; page: number } };
    expect(action.type).toBe('Action.Execute');
    expect(action.verb).toBe('catalogue.category');
    return { category: action.data.category, page: action.data.page, cells: cardText(row.columns).split('\n') };
  });
}

const actionsOf = (card: Card) => (card.actions as Array<{ title: string; verb: string; data: Record<string, unknown> }> | undefined) ?? [];

describe.each(DB_KINDS)('catalogue browsing on %s', (kind) => {
  let app: RunningCourtier;

  beforeAll(async () => {
    app = await startCourtier(kind);
    const { catalogue, members } = app.courtier;
    await catalogue.importCatalogue(sample);
    await catalogue.publishPrices(priceListSchema.parse(readSample('prices-2026-10-01.json')));
    await catalogue.publishPrices(priceListSchema.parse(readSample('prices-2026-11-02.json')));
    await catalogue.importCatalogue(extra);
    const org = await members.ensureOrganization('Ministère de l’Exemple', { eligible: true });
    for (const u of [CLIENT, CLIENT_EN, CLIENT_VERB_FIRST, CLIENT_NEW]) {
      await members.addMember({ aadObjectId: u.aadObjectId, displayName: u.name, role: 'client', organizationId: org.id });
    }
    const ineligible = await members.ensureOrganization('Société privée inc.', { eligible: false });
    await members.addMember({ aadObjectId: INELIGIBLE.aadObjectId, displayName: INELIGIBLE.name, role: 'client', organizationId: ineligible.id });
    // These two have seen the R4 notice already, so that tests do not depend on their order.
    for (const u of [CLIENT, CLIENT_EN]) await members.takeNoticeDue(u.aadObjectId);
  });
  afterAll(async () => app?.stop());

  const say = (text: string, u: User, locale = 'fr-CA') => post(app.baseUrl, personalMessage(text, { user: u, locale }));
  const act = (verb: string, data: Record<string, unknown>, u: User, locale = 'fr-CA') => post(app.baseUrl, invoke(verb, data, { user: u, locale }));
  const expectNoContent = (r: PostResult) => {
    const everything = JSON.stringify(r.body);
    for (const name of confidentialNames) expect(everything, name).not.toContain(name);
    expect(everything).not.toMatch(/\d,\d\d\u00a0\$/);
  };

  it('R3, R4: an unregistered user saying "catalogue" gets the access card and no catalogue content', async () => {
    const r = await say('catalogue', STRANGER);
    expect(r.activities).toHaveLength(1);
    const text = cardText(cardOf(r.activities[0]));
    expect(text).toContain('Demande d\'accès au Catalogue');
    expect(text).toContain('Demander l\'accès');
    expectNoContent(r);
  });

  it('R3, R4: an unregistered user searching gets the access card and no results', async () => {
    const r = await say('chercher boréale', STRANGER);
    expect(cardText(cardOf(r.activities[0]))).toContain('Demande d\'accès au Catalogue');
    expectNoContent(r);
  });

  it('R3, R4: forged catalogue invokes from an unregistered user get the access card, never content', async () => {
    for (const [verb, data] of [
      ['catalogue.offer', { offerId: 'off-boreale-courriel' }],
      ['catalogue.category', { category: 'courriel', page: 0 }],
      ['catalogue.home', {}],
    ] as const) {
      const r = await act(verb, data, STRANGER);
      const body = invokeResponseOf(r);
      expect(body?.statusCode, verb).toBe(200);
      expect(cardText(body?.value), verb).toContain('Demande d\'accès au Catalogue');
      expectNoContent(r);
    }
  });

  it('R3: a member of an ineligible organization is told so and sees no content', async () => {
    const said = await say('catalogue', INELIGIBLE);
    expect(cardText(cardOf(said.activities[0]))).toContain('n\'est pas admissible');
    expectNoContent(said);
    const forged = await act('catalogue.offer', { offerId: 'off-boreale-courriel' }, INELIGIBLE);
    expect(cardText(invokeResponseOf(forged)?.value)).toContain('n\'est pas admissible');
    expectNoContent(forged);
  });

  it('R4: a client sees the confidentiality notice the first time only, then the categories', async () => {
    const first = await say('catalogue', CLIENT_NEW);
    expect(first.activities).toHaveLength(2);
    expect(cardText(cardOf(first.activities[0]))).toContain('Avertissement – avis de confidentialité');
    expect(cardText(cardOf(first.activities[1]))).toContain('Catalogue d\'offres infonuagiques');
    const again = await say('Catalogue', CLIENT_NEW);
    expect(again.activities).toHaveLength(1);
    expect(cardText(cardOf(again.activities[0]))).toContain('Catalogue d\'offres infonuagiques');
    expect(cardText(cardOf(again.activities[0]))).not.toContain('avis de confidentialité');
  });

  it('R4: a client whose first access is a card action gets the notice too, then the content', async () => {
    const r = await act('catalogue.category', { category: 'crm', page: 0 }, CLIENT_VERB_FIRST);
    const notice = r.activities.find((a) => a.type === 'message');
    expect(cardText(cardOf(notice))).toContain('Avertissement – avis de confidentialité');
    expect(cardText(cardOfInvoke(r))).toContain('Harfang Relation citoyen');
    const again = await act('catalogue.category', { category: 'crm', page: 0 }, CLIENT_VERB_FIRST);
    expect(again.activities.filter((a) => a.type === 'message')).toHaveLength(0);
  });

  it('R1: lists only categories with offers, sorted by French name, with their counts, each opening page 0', async () => {
    const r = await say('catalogue', CLIENT);
    const card = cardOf(r.activities[0])!;
    const rows = categoryRows(card);
    const names = rows.map((row) => row.cells[0]!);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr-CA', { sensitivity: 'base' })));
    expect(rows.every((row) => row.page === 0)).toBe(true);
    const byId = new Map(rows.map((row) => [row.category, row.cells]));
    // 19 categories in the sample; none of the three empty ones appears.
    expect(rows).toHaveLength(19);
    for (const empty of ['tableur', 'presentation', 'gpa']) expect(byId.has(empty), empty).toBe(false);
    expect(byId.get('courriel')).toEqual(['Courriel', '11 offres']);
    expect(byId.get('crm')).toEqual(['Gestion de la relation client (CRM)', '6 offres']);
    expect(byId.get('grc')).toEqual(['Gestion intégrée des risques et de la conformité (GRC)', '1 offre']);
    // R8: the offer no longer priced in November is not counted.
    expect(byId.get('messagerie-instantanee')).toEqual(['Messagerie instantanée', '1 offre']);
    expect(cardText(card)).toContain('54 offres en tout');
  });

  it('R1, R7, R12: a category page lists supplier, offer, status, hosting and starting price in fr-CA format', async () => {
    const card = cardOfInvoke(await act('catalogue.category', { category: 'courriel', page: 0 }, CLIENT));
    const text = cardText(card);
    expect(text).toContain('Courriel');
    expect(text).toContain('Page 1 de 2 · 11 offres');
    for (const header of ['Fournisseur', 'Offre', 'Statut', 'Hébergement', 'Prix de départ']) expect(text).toContain(header);
    expect(text).toContain('Prix en vigueur le 2 novembre 2026');
    const rows = offerRows(card);
    expect(rows).toHaveLength(8);
    const row = (id: string) => rows.find((x) => x.offerId === id)?.cells;
    expect(row('off-boreale-courriel')).toEqual(['Nuagerie Boréale inc.', 'Courriel Boréal Affaires', 'par utilisateur/mois', 'Qualifiée', 'Québec', `9,25${NBSP}$`]);
    expect(row('off-prairie-courriel')).toEqual(['Prairie Pixel Systèmes Corp.', 'Prairie Pixel Courriel Entreprise', 'par utilisateur/mois', 'En analyse', 'Canada, É.-U. (DPF)', `11,50${NBSP}$`]);
    expect(row('off-alpenwolke-courriel')?.slice(4, 6).map(plain)).toEqual(['Adéquation UE', '13,50 $']);
    // Sorted by supplier, then offer.
    expect(rows.map((x) => x.cells[0])).toEqual([
      'Alpenwolke AG', 'Bise Nuage SAS', 'Cumulus Laurentien ltée', 'Marée Atlantique Solutions inc.',
      'Nuagerie Boréale inc.', 'Nuagerie Boréale inc.', 'Prairie Pixel Systèmes Corp.', 'Zeta Pagination inc.',
    ]);
    // R12: only the latest published prices count (October's 8,95 $ is gone).
    expect(text).not.toContain(`8,95${NBSP}$`);
    const actions = actionsOf(card);
    expect(actions.map((a) => a.title)).toEqual(['Suivant', 'Retour aux catégories']);
    expect(actions[0]).toMatchObject({ verb: 'catalogue.category', data: { category: 'courriel', page: 1 } });
    expect(actions[1]).toMatchObject({ verb: 'catalogue.home' });
  });

  it('pages through a category: next page, then a clear message for a page out of range', async () => {
    const second = cardOfInvoke(await act('catalogue.category', { category: 'courriel', page: 1 }, CLIENT));
    expect(cardText(second)).toContain('Page 2 de 2 · 11 offres');
    const rows = offerRows(second);
    expect(rows.map((x) => x.offerId)).toEqual(['off-zeta-courriel-2', 'off-zeta-courriel-3', 'off-zeta-courriel-4']);
    expect(rows[0]!.cells).toEqual(['Zeta Pagination inc.', 'Zeta Courriel 2', 'Qualifiée', 'Québec', 'Prix non publié']);
    expect(actionsOf(second).map((a) => a.title)).toEqual(['Précédent', 'Retour aux catégories']);
    expect(actionsOf(second)[0]).toMatchObject({ data: { category: 'courriel', page: 0 } });

    const beyond = cardOfInvoke(await act('catalogue.category', { category: 'courriel', page: 5 }, CLIENT));
    expect(cardText(beyond)).toContain('La page 6 n\'existe pas dans «\u00a0Courriel\u00a0»\u00a0: la dernière page est la page 2.');
    expect(offerRows(beyond)).toHaveLength(0);
    expect(actionsOf(beyond).map((a) => a.title)).toEqual(['Première page', 'Retour aux catégories']);

    const empty = cardOfInvoke(await act('catalogue.category', { category: 'tableur', page: 0 }, CLIENT));
    expect(cardText(empty)).toContain('Aucune offre n\'est publiée dans la catégorie «\u00a0Tableur\u00a0»');
  });

  it('goes back to the categories from a card (catalogue.home)', async () => {
    const card = cardOfInvoke(await act('catalogue.home', {}, CLIENT));
    expect(categoryRows(card).length).toBe(19);
  });

  it('R1, R7, R9, R10, R11, R12: the offer card shows prices, terms, hosting, sustainability, contacts and documents', async () => {
    const card = cardOfInvoke(await act('catalogue.offer', { offerId: 'off-boreale-courriel' }, CLIENT));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(80 * 1024);
    const text = cardText(card);
    for (const expected of [
      'Courriel Boréal Affaires',
      'Nuagerie Boréale inc.',
      'Courriel',
      'Qualifiée',
      'Messagerie et calendrier hébergés exclusivement au Québec',
      // Components and current prices (R1, R12)
      'Prix en vigueur le 2 novembre 2026',
      'Inclusions de base',
      'Licence utilisateur — boîte de 50 Go',
      `9,25${NBSP}$`,
      'Composantes additionnelles',
      'Archivage et conservation légale',
      `2,50${NBSP}$`,
      'Stockage additionnel',
      `38,00${NBSP}$`,
      'par To/mois',
      // Payment terms (R12)
      'Fréquence de facturation',
      'Annuelle',
      'Quantité minimale',
      '36 mois',
      'Quantités réductibles en cours de contrat',
      'Tous les utilisateurs facturés dès la signature',
      `Hausse annuelle de 3${NBSP}%`,
      // Hosting (R7)
      'Montréal (Québec)',
      'Lévis (Québec)',
      'Seuls ces lieux peuvent être utilisés',
      // Security, sustainability (R11), activities and training (R1)
      'Chiffrement au repos AES-256',
      'Développement durable',
      'Centres de données alimentés à 100 % en hydroélectricité',
      'Activités d\'entrée',
      'Création du locataire et configuration des domaines de messagerie',
      'Activités de transition de sortie',
      'Exportation des boîtes aux lettres en format MBOX ou EML',
      'français et anglais',
      // Questions and free trials (R10)
      'banc d\'essai gratuit et sans engagement',
      'Émilie Gagnon — soutien@nuagerie-boreale.example',
      'Marc-André Tremblay — contrats@nuagerie-boreale.example',
      'N\'utilisez aucun renseignement personnel dans un banc d\'essai',
      // Documents (R9)
      'Gabarit de contrat spécifique',
      'Formulaire d\'engagement de responsabilité en matière de gestion contractuelle',
      'Principes de protection des renseignements personnels',
      'Entente-cadre',
      'Annexe modificative',
      'Conditions contractuelles du fournisseur',
      'Rien n\'est négociable',
    ]) {
      expect(text, expected).toContain(expected);
    }
    const facts = JSON.stringify(card);
    expect(facts).toContain('{"title":"Quantités réductibles en cours de contrat","value":"Non"}');
    expect(facts).toContain('{"title":"Tous les utilisateurs facturés dès la signature","value":"Oui"}');
    expect(facts).toContain('{"title":"Montréal (Québec)","value":"Québec"}');
    expect(actionsOf(card).map((a) => `${a.verb}:${JSON.stringify(a.data)}`)).toEqual([
      'catalogue.category:{"category":"courriel","page":0}',
      'catalogue.home:{}',
    ]);
  });

  it('R7, R10, R12: the offer card shows a partner, fixed prices and other hosting classes when the offer has them', async () => {
    const text = cardText(cardOfInvoke(await act('catalogue.offer', { offerId: 'off-laurentien-courriel' }, CLIENT)));
    expect(text).toContain('Intégrations Saint-Laurent inc.');
    expect(text).toContain('Karim Benali — soutien@cumulus-laurentien.example');
    const prairie = JSON.stringify(cardOfInvoke(await act('catalogue.offer', { offerId: 'off-prairie-courriel' }, CLIENT)));
    expect(prairie).toContain('"value":"États-Unis (Data Privacy Framework)"');
    expect(prairie).toContain('En analyse');
  });

  it('English locale: en-CA amounts, dates and labels', async () => {
    const categories = cardOf((await say('catalog', CLIENT_EN, 'en-CA')).activities[0])!;
    const rows = categoryRows(categories);
    expect(rows.find((x) => x.category === 'courriel')?.cells).toEqual(['Email', '11 offers']);
    expect(rows.find((x) => x.category === 'grc')?.cells).toEqual(['Governance, risk and compliance (GRC)', '1 offer']);
    expect(rows.map((x) => x.cells[0])).toEqual([...rows.map((x) => x.cells[0]!)].sort((a, b) => a.localeCompare(b, 'en-CA', { sensitivity: 'base' })));

    const page = cardOfInvoke(await act('catalogue.category', { category: 'courriel', page: 0 }, CLIENT_EN, 'en-CA'));
    const pageText = cardText(page);
    for (const header of ['Supplier', 'Offer', 'Status', 'Hosting', 'Starting price', 'Page 1 of 2 · 11 offers', 'Prices in effect on November 2, 2026']) {
      expect(pageText).toContain(header);
    }
    expect(offerRows(page).find((x) => x.offerId === 'off-prairie-courriel')?.cells).toEqual([
      'Prairie Pixel Systèmes Corp.', 'Prairie Pixel Courriel Entreprise', 'per utilisateur/mois', 'Under analysis', 'Canada, US (DPF)', '$11.50',
    ]);
    expect(actionsOf(page).map((a) => a.title)).toEqual(['Next', 'Back to categories']);

    const offer = cardText(cardOfInvoke(await act('catalogue.offer', { offerId: 'off-boreale-courriel' }, CLIENT_EN, 'en-CA')));
    for (const expected of [
      '$9.25', '$2.50', '$38.00', 'Prices in effect on November 2, 2026', 'Billing frequency', 'Yearly', '36 months',
      'Yearly increase of 3%', 'Hosting locations', 'Sustainability', 'French and English', 'Technical contact',
      'Use no personal information in a free trial', 'Specific contract template', 'Nothing is negotiable',
    ]) {
      expect(offer, expected).toContain(expected);
    }
  });

  it('searches by supplier name, case- and accent-insensitively', async () => {
    for (const query of ['Nuagerie Boréale', 'NUAGERIE boreale', 'nuagerie']) {
      const r = await say(`chercher ${query}`, CLIENT);
      const card = cardOf(r.activities[0])!;
      expect(cardText(card), query).toContain(`Résultats pour «\u00a0${query}\u00a0»`);
      expect(cardText(card), query).toContain('5 offres trouvées.');
      const rows = offerRows(card);
      expect(rows.map((x) => x.cells[0]), query).toEqual(Array(5).fill('Nuagerie Boréale inc.'));
      expect(rows.find((x) => x.offerId === 'off-boreale-courriel')?.cells).toEqual(['Nuagerie Boréale inc.', 'Courriel Boréal Affaires', 'par utilisateur/mois', 'Qualifiée', 'Québec', `9,25${NBSP}$`]);
    }
  });

  it('searches by offer name and by category name, in French or English', async () => {
    const byOffer = cardOf((await say('chercher courriel BOREAL affaires', CLIENT)).activities[0])!;
    expect(offerRows(byOffer).map((x) => x.offerId)).toEqual(['off-boreale-courriel']);
    expect(cardText(byOffer)).toContain('1 offre trouvée.');

    const crmIds = sample.offers.filter((o) => o.category === 'crm').map((o) => o.id).sort();
    for (const query of ['gestion de la relation client', 'Customer Relationship', 'crm']) {
      const card = cardOf((await say(`search ${query}`, CLIENT_EN, 'en-CA')).activities[0])!;
      expect(offerRows(card).map((x) => x.offerId).sort(), query).toEqual(crmIds);
    }
  });

  it('says how many offers a search found when it shows only the first 10', async () => {
    const card = cardOf((await say('chercher courriel', CLIENT)).activities[0])!;
    expect(offerRows(card)).toHaveLength(10);
    expect(cardText(card)).toMatch(/(\d+) offres trouvées\u202f; voici les 10 premières/);
  });

  it('answers an empty search with its usage and an unmatched one with "aucun résultat"', async () => {
    const empty = await say('chercher', CLIENT);
    expect(empty.activities).toHaveLength(1);
    expect(empty.activities[0]?.text).toContain('Écrivez «\u00a0chercher\u00a0» suivi d\'un nom de fournisseur');
    const none = await say('chercher zzzyxx', CLIENT);
    const text = cardText(cardOf(none.activities[0]));
    expect(text).toContain('Aucun résultat pour «\u00a0zzzyxx\u00a0»');
    expect(offerRows(cardOf(none.activities[0])!)).toHaveLength(0);
    const en = await say('search', CLIENT_EN, 'en-CA');
    expect(en.activities[0]?.text).toContain('Type "search" followed by');
  });

  it('refuses forged card data with a 400 error response and no content', async () => {
    for (const [verb, data] of [
      ['catalogue.category', { category: 'nope', page: 0 }],
      ['catalogue.category', { category: 'courriel', page: -1 }],
      ['catalogue.category', { category: 'courriel', page: 1.5 }],
      ['catalogue.category', { category: 'courriel', page: '1' }],
      ['catalogue.category', { category: 'courriel' }],
      ['catalogue.offer', {}],
      ['catalogue.offer', { offerId: '' }],
      ['catalogue.offer', { offerId: { $ne: null } }],
      ['catalogue.offer', { offerId: '../../etc/passwd' }],
    ] as const) {
      const r = await act(verb, data as Record<string, unknown>, CLIENT);
      const body = invokeResponseOf(r);
      expect(body?.statusCode, JSON.stringify(data)).toBe(400);
      expect(body?.type).toBe('application/vnd.microsoft.error');
      expect(body?.value.message).toMatch(/invalides/);
      expectNoContent(r);
    }
  });

  it('answers an unknown offer with a 404 error response and a clear message', async () => {
    const body = invokeResponseOf(await act('catalogue.offer', { offerId: 'off-nexiste-pas' }, CLIENT));
    expect(body?.statusCode).toBe(404);
    expect(body?.type).toBe('application/vnd.microsoft.error');
    expect(body?.value.message).toContain('Cette offre n\'existe pas au Catalogue');
  });

  it('R8: an offer the latest price list withdrew no longer opens, even from an old card', async () => {
    const body = invokeResponseOf(await act('catalogue.offer', { offerId: 'off-prairie-clavardage' }, CLIENT));
    expect(body?.statusCode).toBe(404);
  });

  it('answers a category page well within the Universal Actions time budget', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      cardOfInvoke(await act('catalogue.category', { category: 'courriel', page: i % 2 }, CLIENT));
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    expect(times[2]).toBeLessThan(1000);
  });
});
