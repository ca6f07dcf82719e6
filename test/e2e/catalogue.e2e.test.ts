// End to end in the Microsoft 365 Agents Playground, through headless Chromium: browsing
// the confidential catalogue in the personal chat as Alex Wilber, a client of a sample
// organization (local mode, data/sample-loader.ts): the R4 notice, the categories, a
// category's table of offers, an offer's sheet opened from its row, and a search.
// Names and prices are those of the fictional sample catalogue (data/sample/).
// Needs Debian chromium (/usr/bin/chromium).
// The tests continue one chat; each reaches its starting point itself (see journey), so it also runs alone.
import { describe, expect, it } from 'vitest';
import { type Card, journey, usePlaygroundStack } from './playground';

// Each test drives a browser and two servers: generous per-test time, not a global one.
const E2E = { timeout: 120_000 };

/** A price as the cards show it in French: "9,25 $" (the space may be a no-break one). */
const PRICE = /^\d{1,3}(?:\s\d{3})*,\d{2}\s\$$/;
/** "Prix en vigueur le 2 novembre 2026": the price list in force today. */
const PRICES_AS_OF = /^Prix en vigueur le (?:1er|\d{1,2}) \p{L}+ \d{4}$/u;

const NOTICE_TITLE = 'Avertissement – avis de confidentialité';
const CATEGORIES = 'Choisissez une catégorie pour voir ses offres';
const OFFER_TABLE = 'Prix de départ';
const OFFER_SHEET = 'Composantes et prix unitaires';
const CONFIDENTIAL = 'Contenu confidentiel réservé aux représentants des organismes admissibles';

/** The Courriel offers of the sample catalogue, by supplier (data/sample/catalogue.json). */
const COURRIEL_SUPPLIERS = [
  'Alpenwolke AG',
  'Bise Nuage SAS',
  'Cumulus Laurentien ltée',
  'Marée Atlantique Solutions inc.',
  'Nuagerie Boréale inc.',
  'Prairie Pixel Systèmes Corp.',
];
const OFFER = 'Courriel Boréal Affaires';

/** The cells of a table card's rows: the blocks after the header row, up to the prices line. */
async function tableCells(card: Card): Promise<string[]> {
  const blocks = await card.textBlocks();
  const start = blocks.indexOf(OFFER_TABLE) + 1;
  const end = blocks.findIndex((b) => PRICES_AS_OF.test(b));
  expect(start, 'the table header').toBeGreaterThan(0);
  expect(end, 'the "Prix en vigueur le …" line after the table').toBeGreaterThan(start);
  return blocks.slice(start, end);
}

describe('the catalogue in the Agents Playground (personal chat, French)', () => {
  const s = usePlaygroundStack('catalogue');

  /** The "Français" button of the welcome card (the Playground sends locale en-US). */
  async function chooseFrench(): Promise<void> {
    const { chat } = s();
    const welcome = await chat.waitForCard('Welcome to Courtier');
    await welcome.clickAction('Français');
    await chat.waitForCard('Bienvenue dans Courtier');
  }
  /** "catalogue": the R4 notice (first access), then the categories. */
  async function openCatalogue() {
    const { chat } = s();
    await chat.send('catalogue');
    const notice = await chat.waitForCard(NOTICE_TITLE);
    const categories = await chat.waitForCard(CATEGORIES);
    return { notice, categories };
  }
  /** From the categories, the page of the "Courriel" category that lists OFFER. */
  async function openCourrielAtOffer(): Promise<void> {
    const { chat } = s();
    const categories = await chat.waitForCard(CATEGORIES, { since: 0 });
    await categories.clickSelectAction('Voir les offres : Courriel');
    let table = await chat.waitForCard(OFFER_TABLE);
    for (let page = 2; !(await table.selectActionTitles()).includes(`Ouvrir l'offre ${OFFER}`); page++) {
      await table.clickAction('Suivant');
      table = await chat.waitForCard(new RegExp(`Page ${page} de \\d+`));
    }
  }
  const story = journey('opened', [
    [
      'categories shown',
      async () => {
        await chooseFrench();
        await openCatalogue();
      },
    ],
    ['offer row shown', openCourrielAtOffer],
    [
      'offer sheet shown',
      async () => {
        const table = await s().chat.waitForCard(OFFER_TABLE, { since: 0 });
        await table.clickSelectAction(`Ouvrir l'offre ${OFFER}`);
        await s().chat.waitForCard(OFFER_SHEET);
      },
    ],
  ]);

  it('R3/R4: "catalogue" shows the confidentiality notice on first access, then the categories', E2E, async () => {
    // The Playground sends locale en-US: switch to French with the welcome card.
    await chooseFrench();
    // R4: the notice comes first, as its own message.
    const { notice, categories } = await openCatalogue();
    story.reached('categories shown');
    const noticeText = await notice.text();
    expect(noticeText).toContain('chapitre A-2.1');
    expect(noticeText).toContain('Ne transmettez jamais le contenu du Catalogue à un fournisseur');

    // R3: Alex is a client of an eligible organization, so the content follows.
    expect(categories.message.seq).toBeGreaterThan(notice.message.seq);
    const blocks = await categories.textBlocks();
    expect(blocks[0]).toBe("Catalogue d'offres infonuagiques");
    const courriel = blocks.indexOf('Courriel');
    expect(courriel).toBeGreaterThan(0);
    expect(blocks[courriel + 1]).toBe(`${COURRIEL_SUPPLIERS.length + 1} offres`);
    expect(blocks.at(-1)).toContain(CONFIDENTIAL);
    // Each category row opens its first page (a selectAction, no buttons).
    const titles = await categories.selectActionTitles();
    expect(titles).toContain('Voir les offres : Courriel');
    expect(titles.every((t) => t.startsWith('Voir les offres : '))).toBe(true);
    expect(await categories.actionTitles()).toEqual([]);
  });

  it('R12: the "Courriel" category lists its offers with suppliers and prices in force', E2E, async () => {
    const { chat } = s();
    await story.reach('categories shown');
    const categories = await chat.waitForCard(CATEGORIES, { since: 0 });
    await categories.clickSelectAction('Voir les offres : Courriel');
    // An Action.Execute response: the categories card is replaced in place.
    let table = await chat.waitForCard(OFFER_TABLE);
    expect(table.message.seq).toBe(categories.message.seq);

    const blocks = await table.textBlocks();
    expect(blocks[0]).toBe('Courriel');
    const paging = /^Page (\d+) de (\d+) · (\d+) offres$/.exec(blocks[1] ?? '');
    expect(paging, `the paging line, got "${blocks[1]}"`).not.toBeNull();
    const pages = Number(paging?.[2]);
    const total = Number(paging?.[3]);
    expect(total).toBe(COURRIEL_SUPPLIERS.length + 1);
    expect(blocks.slice(2, 7)).toEqual(['Fournisseur', 'Offre', 'Statut', 'Hébergement', OFFER_TABLE]);
    expect(blocks.find((b) => PRICES_AS_OF.test(b)), 'the "Prix en vigueur le …" line').toBeDefined();

    // Every page: its offer rows, each opening its offer sheet.
    const seenRows: string[] = [];
    const cells: string[] = [];
    let offerPage = 0;
    let page = 1;
    for (; ; page++) {
      const rows = await table.selectActionTitles();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.startsWith("Ouvrir l'offre "))).toBe(true);
      if (rows.includes(`Ouvrir l'offre ${OFFER}`)) offerPage = page;
      seenRows.push(...rows);
      cells.push(...(await tableCells(table)));
      const actions = await table.actionTitles();
      expect(actions).toContain('Retour aux catégories');
      if (page === pages) {
        expect(actions).not.toContain('Suivant');
        break;
      }
      expect(actions).toContain('Suivant');
      await table.clickAction('Suivant');
      table = await chat.waitForCard(`Page ${page + 1} de ${pages}`);
      expect(await table.actionTitles()).toContain('Précédent');
    }
    expect(seenRows).toHaveLength(total);
    expect(seenRows).toContain(`Ouvrir l'offre ${OFFER}`);
    for (const supplier of COURRIEL_SUPPLIERS) expect(cells).toContain(supplier);
    // The Courriel offers all have a starting price, written the Québec way, per unit.
    const prices = cells.filter((c) => PRICE.test(c));
    expect(prices).toHaveLength(total);
    expect(cells.filter((c) => c === 'par utilisateur/mois')).toHaveLength(total);
    const offerAt = cells.indexOf(OFFER);
    expect(cells[offerAt - 1]).toBe('Nuagerie Boréale inc.');
    expect(cells.slice(offerAt + 1, offerAt + 5)).toEqual(['par utilisateur/mois', 'Qualifiée', 'Québec', expect.stringMatching(PRICE)]);
    expect(cells).toContain('En analyse'); // Prairie Pixel's offer is under analysis.

    // Back to the page that lists the offer opened in the next test.
    for (; page > offerPage; page--) {
      await table.clickAction('Précédent');
      table = await chat.waitForCard(`Page ${page - 1} de ${pages}`);
    }
    story.reached('offer row shown');
  });

  it('R9, R10, R12: clicking an offer row opens its sheet: priced components, contacts, trial reminder, documents to read', E2E, async () => {
    const { chat } = s();
    await story.reach('offer row shown');
    const table = await chat.waitForCard(OFFER_TABLE, { since: 0 });
    expect(await table.selectAction(`Ouvrir l'offre ${OFFER}`).innerText()).toContain('Nuagerie Boréale inc.');
    await table.clickSelectAction(`Ouvrir l'offre ${OFFER}`);
    const sheet = await chat.waitForCard(OFFER_SHEET);
    expect(sheet.message.seq).toBe(table.message.seq);
    const blocks = await sheet.textBlocks();
    expect(blocks[0]).toBe(OFFER);
    expect(blocks.slice(1, 7)).toEqual(['Fournisseur', 'Nuagerie Boréale inc.', 'Catégorie', 'Courriel', 'Statut', 'Qualifiée']);

    // R12: components with their unit prices in force, and the date of that price list.
    const prices = blocks.indexOf(OFFER_SHEET);
    expect(blocks[prices + 1]).toMatch(PRICES_AS_OF);
    expect(blocks[prices + 2]).toBe('Inclusions de base');
    const license = blocks.indexOf('Licence utilisateur — boîte de 50 Go');
    expect(license).toBeGreaterThan(prices);
    expect(blocks[license + 1]).toMatch(PRICE);
    expect(blocks[license + 2]).toBe('par utilisateur/mois');
    const storage = blocks.indexOf('Stockage additionnel');
    expect(storage).toBeGreaterThan(blocks.indexOf('Composantes additionnelles'));
    expect(blocks[storage + 1]).toMatch(PRICE);
    expect(blocks[storage + 2]).toBe('par To/mois');
    expect(blocks).toContain('Hausse annuelle de 3 %');

    // R10: the supplier's contacts for questions and free trials, and no personal information in a trial.
    const contacts = blocks.indexOf("Questions et bancs d'essai");
    expect(contacts).toBeGreaterThan(storage);
    expect(blocks.slice(contacts + 2, contacts + 6)).toEqual([
      'Contact technique',
      'Émilie Gagnon — soutien@nuagerie-boreale.example',
      'Contact contractuel',
      'Marc-André Tremblay — contrats@nuagerie-boreale.example',
    ]);
    expect(blocks[contacts + 6]).toMatch(/^N'utilisez aucun renseignement personnel dans un banc d'essai/);

    // R9: the six documents to read before choosing, numbered in the guide's order.
    const documents = blocks.indexOf('Documents à lire avant de choisir');
    expect(documents).toBeGreaterThan(contacts);
    const expected = [
      'Gabarit de contrat spécifique',
      "Formulaire d'engagement de responsabilité en matière de gestion contractuelle",
      'Fiche « Principes de protection des renseignements personnels » (hors Québec)',
      'Entente-cadre',
      'Annexe modificative',
      'Conditions contractuelles du fournisseur',
    ];
    expect(blocks.slice(documents + 1, documents + 7)).toEqual(expected);
    // "1. …" renders as a markdown ordered list: the number is the list item's marker.
    const items = sheet.locator.locator('.ac-textBlock ol');
    expect(await items.count()).toBe(expected.length);
    const starts: number[] = [];
    for (const ol of await items.all()) starts.push(Number((await ol.getAttribute('start')) ?? 1));
    expect(starts).toEqual([1, 2, 3, 4, 5, 6]);
    expect(blocks[documents + 8]).toMatch(/^Rien n'est négociable/);
    expect(blocks.at(-1)).toContain(CONFIDENTIAL);
    expect(await sheet.actionTitles()).toEqual(['Autres offres : Courriel', 'Retour aux catégories']);
    story.reached('offer sheet shown');
  });

  it('R3/R4, R12: "chercher boréal" finds the offers of Nuagerie Boréale, without the notice again', E2E, async () => {
    const { chat, courtier } = s();
    // After the first access to the catalogue (the first test).
    await story.reach('categories shown');
    const before = await chat.markNow();
    await chat.send('chercher boréal');
    const results = await chat.waitForCard('Résultats pour « boréal »');
    const blocks = await results.textBlocks();
    const count = /^(\d+) offres trouvées\.$/.exec(blocks[1] ?? '');
    expect(count, `the count line, got "${blocks[1]}"`).not.toBeNull();
    const cells = await tableCells(results);
    const rows = await results.selectActionTitles();
    expect(rows).toHaveLength(Number(count?.[1]));
    expect(rows).toContain(`Ouvrir l'offre ${OFFER}`);
    expect(cells.filter((c) => c === 'Nuagerie Boréale inc.')).toHaveLength(rows.length);
    expect(cells.filter((c) => PRICE.test(c))).toHaveLength(rows.length);
    expect(await results.actionTitles()).toEqual(['Retour aux catégories']);
    // R4: the notice was shown once, at first access.
    const messages = await chat.messages();
    expect(messages.filter((m) => m.seq > before && m.text.includes(NOTICE_TITLE))).toEqual([]);
    expect(messages.filter((m) => m.text.includes(NOTICE_TITLE))).toHaveLength(1);
    expect(courtier.errors()).toEqual([]);
  });
});
