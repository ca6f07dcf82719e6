// End to end in the Microsoft 365 Agents Playground, through headless Chromium: from the
// needs analysis to a file ready for the kickoff meeting, in the personal chat, in French,
// as Alex Wilber, a client of "Ministère de l'Exemple (fictif)", an organization under the
// RCTI (local mode, data/sample-loader.ts). Every answer goes through the inputs of the
// Adaptive Cards as rendered by the Playground (combobox, radio buttons, checkboxes,
// number, date and text fields, toggle), then: the summary with its notices (R2, R6, R32,
// R36) and the excluded offers with their reasons (R7), the ranked scenarios (R12), the
// choice of a scenario that is not the lowest, the head's authorization with its
// justification (R13, R14), the R15 advice, the decision record (R31) and `dossiers`.
// Offer names and prices come from the fictional sample catalogue (data/sample/).
// Needs Debian chromium (/usr/bin/chromium).
// The tests continue one chat; each reaches its starting point itself (see journey), so it also runs alone.
import { describe, expect, it } from 'vitest';
import { type Card, journey, usePlaygroundStack } from './playground';

// Each test drives a browser and two servers: generous per-test time, not a global one.
const E2E = { timeout: 120_000 };

/** An amount as the cards show it in French: "1 234,56 $" (the spaces may be no-break ones). */
const MONEY = /\d{1,3}(?:\s\d{3})*,\d{2}\s\$/;
const MONEY_ONLY = new RegExp(`^${MONEY.source}$`);
/** An amount in a text, as the number of cents. */
function cents(text: string): number {
  const m = MONEY.exec(text);
  if (!m) throw new Error(`no amount in "${text}"`);
  return Number(m[0].replace(/[\s$]/g, '').replace(',', ''));
}

const NEXT = 'Continuer';
const STEPS = 13;
const SUMMARY = 'Besoins complets : à comparer et choisir';
const SCENARIOS = "Scénarios d'acquisition classés";
const CHOICE = 'Choix du scénario';
const DOWNLOAD = 'Télécharger le dossier de décision';
const CRITERIA = "Critères liés à l'objet du contrat";
const STATUS = "Autorisation du dirigeant d'organisme";
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Each question: what its card must say, and how a person answers it. */
const QUESTIONS: Array<{ question: string; says?: RegExp; answer: (card: Card) => Promise<void> }> = [
  { question: 'Quelle catégorie de solution infonuagique recherchez-vous ?', answer: (c) => c.choose('Catégorie', 'Courriel') },
  { question: 'Quelle est la sensibilité (confidentialité) des données qui seront traitées ?', answer: (c) => c.choose('Sensibilité des données', 'Moyenne') },
  {
    question: 'Des renseignements personnels seront-ils hébergés ou communiqués par la solution ?',
    says: /Des renseignements personnels hébergés ou communiqués hors Québec exigent une évaluation des facteurs relatifs à la vie privée \(EFVP\)/,
    answer: (c) => c.choose('Renseignements personnels', 'Oui'),
  },
  {
    question: "Quels lieux d'hébergement acceptez-vous ?",
    says: /Seuls les lieux d'hébergement indiqués pour une offre peuvent être utilisés\. Pour exiger un hébergement au Canada seulement, cochez Québec et Canada\./,
    answer: (c) => c.choose('Hébergement accepté', 'Québec', 'Canada'),
  },
  { question: 'Dans quelle langue le matériel de formation doit-il exister ?', answer: (c) => c.choose('Langue de la formation', 'français') },
  {
    question: 'Quelle durée de contrat souhaitez-vous, en mois, renouvellements compris ?',
    says: /Un contrat spécifique dure au plus 3 ans \(36 mois\)/,
    answer: (c) => c.fill('Durée (mois)', 36),
  },
  {
    question: "Quelle consommation estimez-vous pour chaque année du contrat (nombre d'unités, par exemple d'utilisateurs) ?",
    answer: async (c) => {
      await c.fill('Année 1 (12 mois)', 500);
      await c.fill('Année 2 (12 mois)', 650);
      await c.fill('Année 3 (12 mois)', 650);
    },
  },
  { question: 'Ces quantités risquent-elles de varier pendant le contrat ?', answer: (c) => c.choose('Variabilité', 'Moyenne') },
  { question: 'Quel est le budget prévu pour toute la durée du contrat ? (facultatif)', answer: (c) => c.fill('Budget ($)', 250000) },
  { question: "À quelle date souhaitez-vous commencer (activités d'entrée comprises) ?", answer: (c) => c.fillDate('Début souhaité', '2027-04-01') },
  {
    question: 'Quels sont vos besoins en fonctionnalités, sécurité, niveau de service, formation et assistance ? (facultatif)',
    answer: (c) => c.fill('Exigences', 'Authentification multifacteur\nCalendriers partagés'),
  },
  {
    question: 'Ce contrat remplace-t-il un contrat ou un service actuel ? Lequel ? (facultatif)',
    says: /Communiquez avec le Courtier pour éviter de payer deux fois\./,
    answer: (c) => c.fill('Contrat remplacé', 'Exchange 2016 sur site'),
  },
  {
    question: 'Aurez-vous besoin de services professionnels (migration, intégration, gestion du changement ou de projet, formation personnalisée) ?',
    says: /Les services professionnels ne font partie d'aucune offre du Catalogue/,
    answer: (c) => c.toggle('Services professionnels requis', true),
  },
];

describe('from needs to kickoff in the Agents Playground (personal chat, French)', () => {
  // The bot listens on a free port (PORT=0): its download links must name that port.
  const s = usePlaygroundStack('needs');

  /** With E2E_SCREENSHOTS=1, a screenshot of each stage, to look at (test-results/e2e/). */
  async function stage(name: string): Promise<void> {
    if (process.env.E2E_SCREENSHOTS) await s().saveArtifacts(`needs stage ${name}`);
  }

  // Read from the scenarios card: the lowest scenario, and the one chosen (the second).
  let lowest = { offer: '', totalCents: 0 };
  let chosen = { offer: '', totalCents: 0 };

  /** The ranked scenarios of the scenarios card: "1. Offer" headings with their rank, and the total lines. */
  async function ranking(card: Card) {
    // "1. Offer" headings: the markdown renderer makes each an ordered list of one item
    // whose number is the list marker (<ol start="2">), so read the rank from there.
    const offers: string[] = [];
    const ranks: number[] = [];
    for (const ol of await card.locator.locator('.ac-textBlock ol').all()) {
      offers.push((await ol.innerText()).trim());
      ranks.push(Number((await ol.getAttribute('start')) ?? 1));
    }
    const totals = (await card.textBlocks()).filter((b) => b.startsWith('Total sur la durée : '));
    return { offers, ranks, totals };
  }

  // The steps of the story, each as a person takes it; the tests check them one by one.
  async function startNeeds(): Promise<void> {
    const { chat } = s();
    // The Playground sends locale en-US: switch to French with the welcome card.
    const welcome = await chat.waitForCard('Welcome to Courtier');
    await welcome.clickAction('Français');
    await chat.waitForCard('Bienvenue dans Courtier');
    await chat.send('besoins');
    // Nothing is created before the user says so.
    const ask = await chat.waitForCard("Commencer un nouveau dossier d'acquisition");
    await ask.clickAction('Commencer un nouveau dossier');
    await chat.waitForCard(`Question 1 de ${STEPS}`);
  }
  async function answerEveryQuestion(): Promise<void> {
    const { chat } = s();
    for (const [i, q] of QUESTIONS.entries()) {
      const card = await chat.waitForCard(`Question ${i + 1} de ${STEPS}`, i === 0 ? { since: 0 } : {});
      await q.answer(card);
      await card.clickAction(NEXT);
    }
    await chat.waitForCard(SUMMARY);
  }
  async function compareScenarios() {
    const { chat } = s();
    const summary = await chat.waitForCard(SUMMARY, { since: 0 });
    await summary.clickAction('Comparer les scénarios');
    const card = await chat.waitForCard(SCENARIOS);
    const { offers, totals } = await ranking(card);
    lowest = { offer: offers[0]!, totalCents: cents(totals[0]!) };
    chosen = { offer: offers[1]!, totalCents: cents(totals[1]!) };
    return { summary, card };
  }
  async function chooseSecond() {
    const { chat } = s();
    const card = await chat.waitForCard(SCENARIOS, { since: 0 });
    await card.clickActionIn(chosen.offer, 'Choisir ce scénario');
    const choice = await chat.waitForCard(CHOICE);
    return { card, choice };
  }
  async function recordPending() {
    const { chat } = s();
    const choice = await chat.waitForCard(CHOICE, { since: 0 });
    await choice.choose(CRITERIA, 'Compatibilité technique', "Résultat de l'EFVP");
    await choice.fill('Justification', "L'offre retenue s'intègre à notre annuaire et l'EFVP la favorise.");
    await choice.choose(STATUS, 'En attente');
    await choice.clickAction('Enregistrer');
    const saved = await chat.waitForCard("Justification enregistrée ; l'autorisation reste en attente.");
    return { choice, saved };
  }
  async function recordObtained() {
    const { chat } = s();
    const choice = await chat.waitForCard("Justification enregistrée ; l'autorisation reste en attente.", { since: 0 });
    await choice.choose(STATUS, 'Obtenue');
    await choice.fillDate("Date de l'autorisation", '2026-11-26');
    await choice.fill('Signataire', 'Sous-ministre Jeanne Exemple');
    await choice.clickAction('Enregistrer');
    const saved = await chat.waitForCard('Autorisation enregistrée.');
    return { choice, saved };
  }
  const story = journey('opened', [
    ['question 1', startNeeds],
    ['summary', answerEveryQuestion],
    ['scenarios', compareScenarios],
    ['chosen', chooseSecond],
    ['pending', recordPending],
    ['ready for kickoff', recordObtained],
  ]);

  it('R5: "besoins" asks the first question on a card, with the 22 categories in a list', E2E, async () => {
    const { chat, page } = s();
    await startNeeds();
    story.reached('question 1');
    const card = await chat.waitForCard(`Question 1 de ${STEPS}`, { since: 0 });
    const blocks = await card.textBlocks();
    expect(blocks[0]).toMatch(/^Analyse des besoins — CI-\d{4}-\d{4} — Nouveau dossier — dossier du (?:1er|\d{1,2}) \p{L}+ \d{4}$/u);
    expect(blocks).toContain(QUESTIONS[0]!.question);
    expect(await card.actionTitles()).toEqual([NEXT, 'Interrompre (garder le brouillon)', 'Supprimer ce brouillon…']);
    // The compact choice set is a combobox listing the 22 categories.
    await card.input('Catégorie').click();
    const options = await page.getByRole('listbox').getByRole('option').allInnerTexts();
    expect(options).toHaveLength(22);
    expect(options).toContain('Courriel');
    await page.keyboard.press('Escape');
    await stage('question 1');
  });

  it('R5, R6, R7, R32: every question is answered through the card inputs, one card after the other', E2E, async () => {
    const { chat } = s();
    await story.reach('question 1');
    let card = await chat.waitForCard(`Question 1 de ${STEPS}`, { since: 0 });
    const seq = card.message.seq;
    for (const [i, q] of QUESTIONS.entries()) {
      if (i > 0) card = await chat.waitForCard(`Question ${i + 1} de ${STEPS}`);
      // Action.Execute responses: the one card is replaced in place at each step.
      expect(card.message.seq).toBe(seq);
      const text = await card.text();
      expect(text).toContain(q.question);
      if (q.says) expect(text).toMatch(q.says);
      if (i > 0) expect(await card.actionTitles()).toEqual([NEXT, 'Précédent', 'Interrompre (garder le brouillon)', 'Supprimer ce brouillon…']);
      await q.answer(card);
      if (i === 6) {
        // R32: 36 months are three contract years of 12 months, one quantity each.
        expect(text).toContain('Année 3 (12 mois)');
        expect(await card.valueOf('Année 2 (12 mois)')).toBe('650');
      }
      await stage(`question ${i + 1}`);
      await card.clickAction(NEXT);
    }
    const summary = await chat.waitForCard(SUMMARY);
    story.reached('summary');
    expect(summary.message.seq).toBe(seq);
  });

  it('R5, R6, R7, R2, R32, R36: the summary shows the answers, the R6 EFVP flag, and the excluded offers with their reasons', E2E, async () => {
    const { chat, courtier } = s();
    await story.reach('summary');
    const summary = await chat.waitForCard(SUMMARY, { since: 0 });
    await stage('summary');
    const blocks = await summary.textBlocks();
    expect(blocks[0]).toMatch(/^CI-\d{4}-\d{4} — Courriel — dossier du /);
    expect(blocks[1]).toBe("Organisme : Ministère de l'Exemple (fictif)");
    const answer = (label: string) => blocks[blocks.indexOf(label) + 1];
    expect(answer('Catégorie')).toBe('Courriel');
    expect(answer('Renseignements personnels')).toBe('Oui');
    expect(answer('Hébergement accepté')).toBe('Québec et Canada');
    expect(answer('Durée (mois)')).toBe('36 mois');
    expect(answer('Quantités par année')).toBe('an 1 : 500 · an 2 : 650 · an 3 : 650');
    expect(answer('Budget ($)')).toMatch(/^250\s000,00\s\$$/);
    expect(answer('Début souhaité')).toMatch(/^1(?:er)? avril 2027$/);
    expect(answer('Exigences')).toBe('Authentification multifacteur · Calendriers partagés');
    expect(answer('Services professionnels requis')).toBe('Oui');

    // The notices.
    const flags = blocks.slice(blocks.indexOf("Points d'attention") + 1);
    expect(flags.find((f) => / offres? conformes? .*hors Québec/.test(f))).toMatch(/évaluation des facteurs relatifs à la vie privée \(EFVP\) est requise/);
    expect(flags.some((f) => f.startsWith('Les services professionnels'))).toBe(true);
    expect(flags.some((f) => f.startsWith('Ce contrat remplace') && f.includes('Exchange 2016 sur site'))).toBe(true);
    expect(flags.some((f) => f.startsWith('La durée atteint le maximum de 3 ans'))).toBe(true);
    expect(blocks.find((b) => b.startsWith('Comparaison sur la plus récente grille de prix publiée'))).toMatch(/en vigueur le .*\d{4}\.$/);
    // Users read words, not rule ids.
    expect(blocks.filter((b) => /\bR\d{1,2}\b/.test(b))).toEqual([]);

    // Compliant offers, the ones hosted outside Québec flagged R6.
    const compliant = /^Offres conformes \((\d+)\)$/.exec(blocks.find((b) => b.startsWith('Offres conformes')) ?? '');
    expect(Number(compliant?.[1])).toBeGreaterThan(1);
    expect(blocks).toContain('EFVP requise si cette offre est choisie (hébergement hors Québec).');

    // R7: the offers hosted outside Québec and Canada are excluded, each with its reason.
    const excludedAt = blocks.findIndex((b) => /^Offres exclues \(\d+\) et motifs$/.test(b));
    expect(excludedAt).toBeGreaterThan(0);
    const excluded = blocks.slice(excludedAt + 1);
    const bise = excluded.indexOf('Bise Courriel Essentiel');
    expect(bise).toBeGreaterThanOrEqual(0);
    expect(excluded[bise + 1]).toBe('Bise Nuage SAS');
    expect(excluded[bise + 2]).toBe("• Lieux d'hébergement non acceptés pour des renseignements personnels : UE (RGPD).");
    expect(excluded.filter((b) => b.startsWith("• Lieux d'hébergement non acceptés")).length).toBeGreaterThan(1);

    expect(await summary.actionTitles()).toEqual(expect.arrayContaining(['Comparer les scénarios', DOWNLOAD]));
    expect(courtier.errors()).toEqual([]);
  });

  it('R12: "Comparer les scénarios" ranks the scenarios per contract year, the lowest marked, amounts written "1 234,56 $"', E2E, async () => {
    await story.reach('summary');
    const { summary, card } = await compareScenarios();
    story.reached('scenarios');
    expect(card.message.seq).toBe(summary.message.seq);
    await stage('scenarios');
    const blocks = await card.textBlocks();
    expect(blocks[1]).toMatch(/^CI-\d{4}-\d{4} — Courriel — dossier du /);
    // The price list is named by its date, never by its internal id.
    expect(blocks[2]).toBe('Prix de la grille en vigueur le 2 novembre 2026, la plus récente publiée.');

    const { offers, ranks, totals } = await ranking(card);
    expect(offers.length).toBeGreaterThan(1);
    expect(ranks).toEqual(offers.map((_, i) => i + 1));
    expect(totals).toHaveLength(offers.length);
    for (const t of totals) expect(t.slice('Total sur la durée : '.length)).toMatch(MONEY_ONLY);
    const amounts = totals.map(cents);
    expect([...amounts].sort((a, b) => a - b)).toEqual(amounts);
    // Totals of a thousand dollars and more: the thousands are spaced out.
    expect(totals[0]).toMatch(/\d\s\d{3},\d{2}\s\$$/);

    // The first one is the lowest, and marked so (inside its own item).
    const squash = (t: string) => t.replace(/\s+/g, ' ');
    const first = squash(await card.section(offers[0]!).innerText());
    expect(first).toContain('Plus bas prix');
    expect(await card.section(offers[1]!).innerText()).not.toContain('Plus bas prix');
    expect(blocks.filter((b) => b === 'Plus bas prix')).toHaveLength(amounts.filter((a) => a === amounts[0]).length);
    expect(first).toContain(totals[0]);

    // Per contract year: three years of 12 months, each with an amount.
    for (const year of [1, 2, 3]) expect(first).toMatch(new RegExp(`Année ${year} \\(12 mois\\)\\s+${MONEY.source}`));
    // The others show their gap to the lowest.
    const second = squash(await card.section(offers[1]!).innerText());
    const gap = new RegExp(`Écart avec le plus bas prix : (${MONEY.source})`).exec(second);
    expect(gap, `the gap line in "${second}"`).not.toBeNull();
    expect(cents(gap![1]!)).toBe(amounts[1]! - amounts[0]!);
    expect(await card.section(offers[1]!).getByRole('button', { name: 'Choisir ce scénario', exact: true }).count()).toBe(1);
    expect(blocks.at(-1)).toMatch(/^Les totaux tiennent compte .*\(guide, section 3\.4\.1\)/);

    expect(lowest).toEqual({ offer: offers[0]!, totalCents: amounts[0]! });
    expect(chosen).toEqual({ offer: offers[1]!, totalCents: amounts[1]! });
    expect(chosen.totalCents).toBeGreaterThan(lowest.totalCents);
  });

  it('R14, R15: choosing a scenario that is not the lowest shows the price gap and asks for the head authorization', E2E, async () => {
    await story.reach('scenarios');
    const { card, choice } = await chooseSecond();
    story.reached('chosen');
    expect(choice.message.seq).toBe(card.message.seq);
    await stage('choice');
    const text = await choice.text();
    expect(text).toMatch(new RegExp(`Scénario choisi\\s+${escapeRegExp(chosen.offer)} — ${MONEY.source}`));
    expect(text).toMatch(new RegExp(`Plus bas prix\\s+${escapeRegExp(lowest.offer)} — ${MONEY.source}`));
    const gap = new RegExp(`Écart de prix\\s+(${MONEY.source})`).exec(text);
    expect(gap, 'the price gap').not.toBeNull();
    expect(cents(gap![1]!)).toBe(chosen.totalCents - lowest.totalCents);
    expect(text).toMatch(/Autorisation du dirigeant\s+En attente/);
    expect(text).toContain(`« ${chosen.offer} » n'est pas le scénario au plus bas prix (« ${lowest.offer} », écart de ${gap![1]})`);
    expect(text).toContain("Annexe 2 : Fiche d'autorisation du dirigeant d'organisme");
    expect(text).toContain("Demandez l'autorisation financière après la rencontre de démarrage");
    expect(text).toContain("Choix fait : autorisation du dirigeant d'organisme en attente");
    expect(text).not.toMatch(/\bR\d{1,2}\b/);
    // R13, R14: the justification and authorization form.
    expect(text).toContain("Justification et autorisation du dirigeant d'organisme (Annexe 2)");
    expect(await choice.actionTitles()).toEqual(['Enregistrer', 'Retour au dossier']);
  });

  it('R13, R14: the justification is recorded with the authorization pending', E2E, async () => {
    await story.reach('chosen');
    const { choice, saved } = await recordPending();
    story.reached('pending');
    expect(saved.message.seq).toBe(choice.message.seq);
    await stage('pending');
    const text = await saved.text();
    expect(text).toMatch(/Autorisation du dirigeant\s+En attente/);
    // The form keeps what was entered.
    expect(await saved.valueOf('Justification')).toBe("L'offre retenue s'intègre à notre annuaire et l'EFVP la favorise.");
    expect(await saved.chosen(CRITERIA)).toEqual(["Résultat de l'EFVP", 'Compatibilité technique']);
    expect(await saved.chosen(STATUS)).toEqual(['En attente']);
  });

  it('R14, R15, R16: the authorization recorded as obtained, with its date and signatory: the file is ready for the kickoff', E2E, async () => {
    const { courtier } = s();
    await story.reach('pending');
    const { choice, saved } = await recordObtained();
    story.reached('ready for kickoff');
    expect(saved.message.seq).toBe(choice.message.seq);
    await stage('obtained');
    const text = await saved.text();
    expect(text).toMatch(/Autorisation du dirigeant\s+Obtenue le 26 novembre 2026, signée par Sous-ministre Jeanne Exemple/);
    expect(text).toContain('Prêt pour la rencontre de démarrage. Prochaine étape : demandez la rencontre de démarrage');
    expect(text).toContain("Demandez l'autorisation financière après la rencontre de démarrage");
    // Nothing left to fill in.
    expect(await saved.locator.locator('input, textarea').count()).toBe(0);
    // The next step is one button away (R16).
    expect(await saved.actionTitles()).toEqual(['Demander la rencontre de démarrage', 'Retour au dossier']);
    expect(courtier.errors()).toEqual([]);
  });

  it('R31: back to the file, its decision-record button gives an Action.OpenUrl link to the .xlsx', E2E, async () => {
    const { chat } = s();
    await story.reach('ready for kickoff');
    const choice = await chat.waitForCard('Autorisation enregistrée.', { since: 0 });
    await choice.clickAction('Retour au dossier');
    const summary = await chat.waitForCard('Points d\'attention');
    expect(summary.message.seq).toBe(choice.message.seq);
    expect(await summary.text()).toContain('Prêt pour la rencontre de démarrage');
    expect(await summary.text()).toMatch(new RegExp(`Choix : ${escapeRegExp(chosen.offer)} — ${MONEY.source}`));
    await summary.clickAction(DOWNLOAD);
    const link = await chat.waitForCard('Le lien de téléchargement du dossier de décision est prêt');
    await stage('download link');
    expect(await link.actionTitles()).toEqual([DOWNLOAD, 'Retour au dossier']);
    // An Action.OpenUrl: a link (the Playground opens its URL in a new tab).
    const url = await link.openUrl(DOWNLOAD);
    expect(url.startsWith(`http://localhost:${s().courtier.port}/records/`), url).toBe(true);
    expect(url).toMatch(/^https?:\/\/[^/]+\/records\/[\w-]+\.[\w-]+$/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(XLSX);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeGreaterThan(0);
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK'); // An .xlsx is a zip.
  });

  it('R5: "dossiers" lists the file, ready for the kickoff', E2E, async () => {
    const { chat, courtier } = s();
    await story.reach('ready for kickoff');
    await chat.send('dossiers');
    const list = await chat.waitForCard("Dossiers d'acquisition");
    await stage('dossiers');
    const blocks = await list.textBlocks();
    expect(blocks[1]).toBe('Les dossiers de votre organisme et leur état.');
    const row = blocks.findIndex((b) => /^CI-\d{4}-\d{4} — Courriel — dossier du /.test(b));
    expect(row).toBeGreaterThan(1);
    expect(blocks[row + 1]).toBe('Prêt pour la rencontre de démarrage');
    expect(blocks[row + 2]).toMatch(/^Modifié le /);
    expect(await list.actionTitles()).toEqual(['Ouvrir']);
    expect(courtier.errors()).toEqual([]);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
