// End-to-end helpers: Courtier and the Microsoft 365 Agents Playground as real child
// processes, driven through headless Debian Chromium with playwright-core.
//
//   const stack = await startPlaygroundStack();    // bot + Playground + browser, personal chat open
//   const { chat } = stack;
//   const welcome = await chat.waitForCard('Welcome to Courtier');
//   await welcome.clickAction('Français');          // Action.Execute: the card is replaced in place
//   await chat.waitForCard('Bienvenue dans Courtier');
//   await chat.send('aide');                        // waitFor* then look only at newer messages
//   const help = await chat.waitForCard('Commandes de Courtier');
//   console.log(await help.textBlocks());
//   const step = await chat.waitForCard('Question 1 de 13');
//   await step.choose('Catégorie', 'Courriel');     // card inputs by their label: choose, fill,
//   await step.clickAction('Continuer');            // fillDate, toggle; read back: valueOf, chosen
//   await chat.openChannel('General');              // send() then @mentions the bot and posts
//   await stack.stop();                             // always (afterAll), also after a failure
//
// A Card's locator is only good until the card is re-rendered (e.g. replaced by an
// Action.Execute response): wait for the card again rather than reuse it.
//
// How the Playground page is read (version 0.2.x; see the comments of PAGE_SCRIPT):
// every message, in a chat or a channel, has a header row holding a "Show more
// information" (…) menu button; the bot's headers name it (author label or avatar).
// A message is everything after its header, in document order, up to the next header
// or the next composer. Adaptive cards are `.ac-adaptiveCard` (the adaptivecards
// renderer's own class), their buttons carry the action title as aria-label and title.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../fixtures/db';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Debian's chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
/** The project's Playground configuration (users, bot name); see the file itself. */
export const PLAYGROUND_CONFIG = join(PROJECT_ROOT, '.m365agentsplayground.yml');
/** The bot's display name in the Playground (bot.name in PLAYGROUND_CONFIG). */
export const BOT_NAME = 'Courtier';
/** Where failure screenshots and logs go (gitignored). */
export const RESULTS_DIR = join(PROJECT_ROOT, 'test-results', 'e2e');

const PLAYGROUND_CLI = join(PROJECT_ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');
const TSX_CLI = join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs');

/** Throws a clear error when Debian chromium is not installed (CI's .ci/run installs it). */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Playground end-to-end tests need Debian chromium at ${CHROMIUM_PATH}, which is missing. ` +
        'Install it with `apt-get update && apt-get install -y chromium fonts-dejavu-core` ' +
        '(.ci/run does this on CI), or set CHROMIUM_PATH.',
    );
  }
}

// ---------------------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------------------

/** A child process in its own process group, with its output kept for diagnostics. */
export class Child {
  private output = '';
  private exited: Promise<number | null>;
  exitCode: number | null | undefined;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString();
      // Keep memory bounded on long runs: the tail is what matters.
      if (this.output.length > 2_000_000) this.output = this.output.slice(-1_000_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    this.exited = new Promise((resolveExit) => {
      proc.on('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        resolveExit(code);
      });
      proc.on('error', (err) => {
        this.output += `\n[spawn error] ${err.message}\n`;
        this.exitCode = -1;
        resolveExit(-1);
      });
    });
    liveChildren.add(this);
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Resolves with the first match of `pattern` in the output; rejects on exit or timeout. */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.output.match(pattern);
      if (m) return m;
      if (!this.running) throw new Error(`${this.name} exited (code ${this.exitCode}) before printing ${pattern}:\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.tail()}`);
      await sleep(100);
    }
  }

  tail(lines = 40): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  /** SIGTERM to the whole process group, SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.running) {
      this.signal('SIGTERM');
      const timedOut = await Promise.race([this.exited.then(() => false), sleep(graceMs).then(() => true)]);
      if (timedOut) {
        this.signal('SIGKILL');
        await Promise.race([this.exited, sleep(2_000)]);
      }
    }
    // Grandchildren may outlive the group leader: finish them too.
    this.signal('SIGKILL');
    liveChildren.delete(this);
  }

  signal(sig: NodeJS.Signals): void {
    if (this.proc.pid === undefined) return;
    try {
      process.kill(-this.proc.pid, sig);
    } catch {
      // The group is already gone.
    }
  }
}

// If the test process dies without teardown, do not leave servers behind.
const liveChildren = new Set<Child>();
process.once('exit', () => {
  for (const child of liveChildren) child.signal('SIGKILL');
});

function spawnChild(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Child {
  const proc = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Child(name, proc);
}

async function waitForHttp(url: string, timeoutMs: number, child: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { method: 'GET', signal: AbortSignal.timeout(2_000) });
      return; // Any HTTP answer means it listens.
    } catch {
      if (!child.running) throw new Error(`${child.name} exited (code ${child.exitCode}):\n${child.tail()}`);
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.tail()}`);
      await sleep(200);
    }
  }
}

export interface CourtierProcess {
  child: Child;
  port: number;
  endpoint: string;
  database: TestDatabase;
  /** Pino lines at error level or above (parsed), for "no error in the bot log" checks. */
  errors(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * Starts `tsx bot/main.ts` on a free port (PORT=0 unless env.PORT; the port is read from its start log)
 * with a fresh migrated SQLite database, in local mode. `env` overrides the defaults
 * (LOG_LEVEL=info; SAMPLE_DATA=auto: the sample catalogue and the Playground users are
 * loaded).
 */
export async function startCourtierProcess(env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CourtierProcess> {
  const database = await createTestDatabase('sqlite');
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    // Local mode (no app id), so that the Playground's unauthenticated traffic is accepted.
    // Empty, not absent: bot/main.ts loads a developer's .env, which fills only absent names.
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppTenantId: '',
    LOG_LEVEL: 'info',
    SAMPLE_DATA: 'auto',
    ...env,
    DATABASE_URL: database.url,
    // A free port by default; env.PORT asks for a given one (PUBLIC_BASE_URL, whose
    // default is http://localhost:<PORT>, then names the port Courtier really listens on).
    PORT: env.PORT ?? '0',
  };
  const child = spawnChild('courtier', process.execPath, [TSX_CLI, 'bot/main.ts'], { cwd: PROJECT_ROOT, env: childEnv });
  try {
    const m = await child.waitForOutput(/"port":(\d+)[^\n]*Courtier listens/, timeoutMs);
    const port = Number(m[1]);
    const endpoint = `http://127.0.0.1:${port}/api/messages`;
    await waitForHttp(endpoint, 10_000, child);
    return {
      child,
      port,
      endpoint,
      database,
      errors: () => pinoLines(child.log).filter((l) => typeof l.level === 'number' && l.level >= 50),
      async stop() {
        await child.stop(15_000);
        await database.drop();
      },
    };
  } catch (err) {
    await child.stop();
    await database.drop();
    throw err;
  }
}

function pinoLines(log: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // Not a pino line.
    }
  }
  return out;
}

export interface PlaygroundProcess {
  child: Child;
  port: number;
  url: string;
  /** The Playground's own log file (what its Log Panel shows, plus server errors). */
  logFile: string;
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** Config file (users, bot, chats); default the project's .m365agentsplayground.yml. */
  configPath?: string;
  /** Channel of the mocked activities (default msteams). */
  channelId?: 'msteams' | 'directline' | 'webchat' | 'emulator' | 'agents';
  /** Extra environment (e.g. TZ, which sets the localTimezone of card actions). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Starts the Playground pointed at `endpoint`. It is asked for a free port (-p); when that
 * port is taken meanwhile it falls back to a random one, so the port is read from its
 * "Listening on N" line. It runs in a temporary folder with its log file there (by
 * default it writes ./devTools/ in its working directory), opens no browser
 * (TEAMSAPPTESTER_BROWSER=none) and sends no telemetry.
 */
export async function startPlaygroundProcess(endpoint: string, options: PlaygroundOptions = {}): Promise<PlaygroundProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'courtier-playground-'));
  const logFile = join(dir, 'm365agentsplayground.log');
  const configPath = options.configPath ?? PLAYGROUND_CONFIG;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    ...options.env,
  };
  // Environment defaults of the Playground's options that must not leak in from the shell.
  for (const k of ['TEAMSAPPTESTER_PORT', 'M365_AGENTS_PLAYGROUND_SERVICE_URL', 'M365_AGENTS_PLAYGROUND_DELIVERY_MODE', 'M365_AGENTS_PLAYGROUND_CONVERSATION_ID', 'BOT_ENDPOINT']) {
    delete env[k];
  }
  const port = await freePort();
  const args = [PLAYGROUND_CLI, 'start', '-e', endpoint, '-c', options.channelId ?? 'msteams', '-p', String(port), '--disable-telemetry'];
  const child = spawnChild('playground', process.execPath, args, { cwd: dir, env });
  const stop = async () => {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const m = await child.waitForOutput(/Listening on (\d+)/, options.timeoutMs ?? 60_000);
    const actual = Number(m[1]);
    const url = `http://127.0.0.1:${actual}/`;
    await waitForHttp(url, 10_000, child);
    return { child, port: actual, url, logFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

// ---------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------

/**
 * Runs in the page (as a string, so no transpiler helper leaks in). Defines
 * window.__courtierE2E.messages(), which splits the conversation pane into messages.
 *
 * - A header is the row around a "Show more information" (…) button: in a personal or
 *   group chat `[aria-label="Message header"]`; in a channel, the post's or reply's
 *   card header row. Its author is `[aria-label="Message author"]` (chats; absent on
 *   the current user's own bubbles) or the avatar's aria-label (channels).
 * - A message's content is what follows its header in document order, up to the next
 *   header or the next composer (contenteditable), whichever comes first: so a channel
 *   post's text stops at its first reply, and the last message at the composer.
 * - Each header gets a data-e2e-msg sequence number the first time it is seen, so "new
 *   since" works whatever the order on screen (a channel lists its newest post first).
 *   An Action.Execute response replaces a card in place: the header, so the number, stays.
 * - Cards get a data-e2e-card id so that Playwright can find them again.
 */
const PAGE_SCRIPT = String.raw`
(() => {
  if (window.__courtierE2E) return;
  let nextSeq = 1;
  let nextCardId = 1;
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const follows = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  function headers() {
    const out = [];
    for (const button of document.querySelectorAll('button[aria-label="Show more information"]')) {
      const header = button.parentElement && button.parentElement.parentElement;
      if (header && !out.includes(header)) out.push(header);
    }
    return out;
  }
  function authorOf(header) {
    const label = header.querySelector('[aria-label="Message author"]');
    if (label) return norm(label.textContent);
    const avatar = header.querySelector('[role="img"][aria-label]');
    return avatar ? avatar.getAttribute('aria-label') : '';
  }
  function messages(botName) {
    const hs = headers();
    const composers = [...document.querySelectorAll('[contenteditable="true"]')];
    const cards = [...document.querySelectorAll('.ac-adaptiveCard')].filter((c) => !c.parentElement.closest('.ac-adaptiveCard'));
    return hs.map((header, index) => {
      if (!header.dataset.e2eMsg) header.dataset.e2eMsg = String(nextSeq++);
      const candidates = [hs[index + 1], ...composers.filter((c) => follows(header, c))].filter(Boolean);
      const end = candidates.reduce((first, c) => (first === null || follows(c, first) ? c : first), null);
      const inRange = (node) => follows(header, node) && !header.contains(node) && (end === null || follows(node, end));
      const parts = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      walker.currentNode = header;
      let node;
      while ((node = walker.nextNode())) {
        if (header.contains(node)) continue;
        if (end !== null && !follows(node, end)) break;
        const parent = node.parentElement;
        // Cards are read whole below; avatars' initials are not message text.
        if (parent && (parent.closest('.ac-adaptiveCard') || parent.closest('[role="img"]'))) continue;
        const t = norm(node.textContent);
        if (t) parts.push(t);
      }
      const myCards = cards.filter(inRange).map((card) => {
        if (!card.dataset.e2eCard) card.dataset.e2eCard = String(nextCardId++);
        return { id: card.dataset.e2eCard, text: card.innerText };
      });
      const author = authorOf(header);
      const text = [...parts, ...myCards.map((c) => c.text)].join('\n');
      return { seq: Number(header.dataset.e2eMsg), index, author, fromBot: author === botName, text, cards: myCards };
    });
  }
  window.__courtierE2E = { messages };
})();
`;

export interface ChatMessage {
  /** Order in which the helpers first saw the message (stable; see PAGE_SCRIPT). */
  seq: number;
  /** Position on screen in the open conversation, from 0. */
  index: number;
  /** Display name of the author; '' for the current user's bubbles in chats. */
  author: string;
  fromBot: boolean;
  /** All visible text, cards included (one line per block). */
  text: string;
  /** The message's Adaptive Cards: id (see Card) and visible text. */
  cards: Array<{ id: string; text: string }>;
}

export type TextMatch = string | RegExp;

/** Substring (whitespace-insensitive) or regular expression match. */
export function textMatches(text: string, m: TextMatch): boolean {
  if (typeof m !== 'string') {
    m.lastIndex = 0; // A /g or /y expression keeps state between calls.
    return m.test(text);
  }
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  return squash(text).includes(squash(m));
}

/** Which messages the waitFor* calls look at: newer than `after`, or listed in `also`. */
interface Mark {
  after: number;
  also: number[];
}

export interface WaitOptions {
  /** Look at every message with seq > since (0: all of the open conversation). */
  since?: number;
  timeoutMs?: number;
}

/** A rendered Adaptive Card. */
export class Card {
  constructor(
    readonly chat: PlaygroundChat,
    readonly id: string,
    /** The message that held it when found. */
    readonly message: ChatMessage,
  ) {}

  get locator(): Locator {
    return this.chat.page.locator(`.ac-adaptiveCard[data-e2e-card="${this.id}"]`);
  }

  /** The card's visible text (innerText: one line per block), French no-break spaces read as spaces. */
  async text(): Promise<string> {
    return (await this.locator.innerText()).replace(/[\u00a0\u202f]/g, ' ');
  }

  /** The text of each TextBlock, in order (whitespace normalized). */
  async textBlocks(): Promise<string[]> {
    const texts = await this.locator.locator('.ac-textBlock').allInnerTexts();
    return texts.map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /**
   * Titles of the card's action buttons (Action.Execute, Action.Submit, Action.OpenUrl, ...):
   * their aria-label (an Action.OpenUrl's title attribute is its URL, see openUrl).
   */
  async actionTitles(): Promise<string[]> {
    const titles: string[] = [];
    for (const button of await this.locator.locator('.ac-actionSet button').all()) {
      titles.push(((await button.getAttribute('aria-label')) ?? (await button.getAttribute('title')) ?? (await button.innerText())).trim());
    }
    // French no-break spaces read as spaces (their placement is tested in test/cards).
    return titles.map((t) => t.replace(/[\u00a0\u202f]/g, ' '));
  }

  /** The Action.OpenUrl titled `title`: a role="link" button (a tooltip shows its URL). */
  link(title: string): Locator {
    return this.locator.getByRole('link', { name: title, exact: true });
  }

  /** The URL of the Action.OpenUrl titled `title` (the button's title attribute). */
  async openUrl(title: string): Promise<string> {
    const link = this.link(title);
    await link.waitFor({ state: 'visible' });
    const url = await link.getAttribute('title');
    if (!url) throw new Error(`the link "${title}" shows no URL`);
    return url;
  }

  /**
   * Titles of the card's elements that have a selectAction (a row, a container), in
   * order. The renderer makes each such element a `.ac-selectable` div with
   * role="button" and the action's title as aria-label and title.
   */
  async selectActionTitles(): Promise<string[]> {
    const titles: string[] = [];
    for (const element of await this.locator.locator('.ac-selectable[role="button"]').all()) {
      titles.push(((await element.getAttribute('aria-label')) ?? (await element.getAttribute('title')) ?? '').trim());
    }
    return titles.map((t) => t.replace(/[\u00a0\u202f]/g, ' '));
  }

  /**
   * The action button with this exact title (its aria-label and title). It also finds an
   * element with a selectAction of that title, which is a role="button" too.
   */
  action(title: string): Locator {
    return this.locator.getByRole('button', { name: title, exact: true });
  }

  /** The element (row, container) whose selectAction has this exact title. */
  selectAction(title: string): Locator {
    return this.locator.locator('.ac-selectable').and(this.action(title));
  }

  /**
   * Clicks the action titled `title` (a button, or an element with a selectAction). The
   * next waitFor* calls look at this card's own message (an Action.Execute response
   * replaces the card in place) and newer ones.
   */
  async clickAction(title: string): Promise<void> {
    await this.clickTarget(this.action(title));
  }

  // Inputs. The Playground renders them with Fluent UI v9, not with the adaptivecards
  // default inputs. Each input's `label` is a <label for> pointing at: the <input> or
  // <textarea> of an Input.Text or Input.Number; the text combobox of an Input.Date (a
  // DatePicker, see fillDate); the role="combobox" <input> of a compact Input.ChoiceSet,
  // whose options open in a role="listbox" popup outside the card; a role="radiogroup" of
  // an expanded single-select one; a plain <div> of checkboxes (each aria-label'ed with
  // its choice's title) of an expanded multi-select one. An Input.Toggle is a checkbox
  // named by its title.

  /** The field labelled `label` (an Input's label, exactly). */
  input(label: string): Locator {
    // Not the combobox's chevron button, which the label names too.
    return this.locator.getByLabel(label, { exact: true }).and(this.locator.locator('input, textarea, select, [role="radiogroup"]'));
  }

  /** Types `value` into the Input.Text, Input.Number or Input.Date labelled `label` (a date as YYYY-MM-DD). */
  async fill(label: string, value: string | number): Promise<void> {
    const field = this.input(label).first();
    await field.waitFor({ state: 'visible' });
    await field.fill(String(value));
  }

  /**
   * Enters the date `iso` (YYYY-MM-DD) in the Input.Date labelled `label`. The Playground's
   * date input is a Fluent DatePicker: a text combobox whose typed text goes through
   * Date.parse, which reads "2027-04-01" as UTC midnight, i.e. the day before west of
   * Greenwich. So the date is typed the way the picker itself displays it
   * (Date#toDateString, local), then the field is left so that the value is committed, and
   * what it then shows is read back.
   * A native <input type="date"> gets the ISO date as is.
   */
  async fillDate(label: string, iso: string): Promise<void> {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) throw new Error(`fillDate("${label}"): not a YYYY-MM-DD date: ${iso}`);
    const field = this.input(label).first();
    await field.waitFor({ state: 'visible' });
    if ((await field.getAttribute('type')) === 'date') {
      await field.fill(iso);
      return;
    }
    const shown = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).toDateString();
    await field.fill(shown);
    await field.press('Tab');
    // The picker shows its own format (e.g. "April 1, 2027"): read it back as a local date.
    const now = await field.inputValue();
    const back = new Date(Date.parse(now));
    const ymd = Number.isNaN(back.getTime()) ? now : `${back.getFullYear()}-${String(back.getMonth() + 1).padStart(2, '0')}-${String(back.getDate()).padStart(2, '0')}`;
    if (ymd !== iso) throw new Error(`fillDate("${label}"): the field shows "${now}", not ${iso}`);
  }

  /** The current value of the field labelled `label`. */
  async valueOf(label: string): Promise<string> {
    return this.input(label).first().inputValue();
  }

  /**
   * Selects choices of the Input.ChoiceSet labelled `label`, by their titles: in a compact
   * one, opens its list and picks the option; in an expanded one, checks the radio button,
   * or exactly these checkboxes (the others unchecked) of a multi-select.
   */
  async choose(label: string, ...titles: string[]): Promise<void> {
    if (titles.length === 0) throw new Error(`choose("${label}"): no choice given`);
    const combobox = this.locator.getByRole('combobox', { name: label, exact: true });
    if ((await combobox.count()) > 0) {
      if (titles.length > 1) throw new Error(`choose("${label}"): a compact choice set takes one choice`);
      await combobox.click();
      await this.chat.page.getByRole('listbox').getByRole('option', { name: titles[0], exact: true }).click();
      await this.chat.page.getByRole('listbox').waitFor({ state: 'hidden' });
      return;
    }
    const radios = this.locator.getByRole('radiogroup', { name: label, exact: true });
    if ((await radios.count()) > 0) {
      if (titles.length > 1) throw new Error(`choose("${label}"): a single-select choice set takes one choice`);
      const radio = radios.getByRole('radio', { name: titles[0], exact: true });
      if ((await radio.count()) === 0) {
        throw new Error(`choose("${label}"): no choice titled "${titles[0]}" (choices: ${(await radios.locator('label').allInnerTexts()).join(', ')})`);
      }
      await radio.check();
      return;
    }
    // A multi-select: its <label for> names the element holding the checkboxes.
    const group = await this.labelledElement(label);
    const wanted = new Set(titles);
    const seen = new Set<string>();
    for (const box of await group.getByRole('checkbox').all()) {
      const name = (await this.labelOf(box)).trim();
      seen.add(name);
      await box.setChecked(wanted.has(name));
    }
    const unknown = titles.filter((t) => !seen.has(t));
    if (unknown.length) throw new Error(`choose("${label}"): no choice titled ${unknown.map((t) => `"${t}"`).join(', ')} (choices: ${[...seen].join(', ')})`);
  }

  /** The titles of the selected choices of the Input.ChoiceSet labelled `label` (see choose). */
  async chosen(label: string): Promise<string[]> {
    const combobox = this.locator.getByRole('combobox', { name: label, exact: true });
    if ((await combobox.count()) > 0) {
      const value = await combobox.inputValue();
      return value ? [value] : [];
    }
    const radios = this.locator.getByRole('radiogroup', { name: label, exact: true });
    const boxes = (await radios.count()) > 0 ? radios.getByRole('radio') : (await this.labelledElement(label)).getByRole('checkbox');
    const titles: string[] = [];
    for (const box of await boxes.all()) if (await box.isChecked()) titles.push((await this.labelOf(box)).trim());
    return titles;
  }

  /** Checks or unchecks the Input.Toggle titled `title`. */
  async toggle(title: string, on: boolean): Promise<void> {
    await this.locator.getByRole('checkbox', { name: title, exact: true }).setChecked(on);
  }

  /** The element a <label for> of this card, whose text is exactly `label`, points at. */
  private async labelledElement(label: string): Promise<Locator> {
    const tag = this.locator.locator('label').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }).first();
    await tag.waitFor({ state: 'visible' });
    const id = await tag.getAttribute('for');
    if (!id) throw new Error(`the label "${label}" points at no element`);
    return this.locator.locator(`[id="${id}"]`);
  }

  /** A checkbox's title: its aria-label, else the text of its <label for>. */
  private async labelOf(box: Locator): Promise<string> {
    const aria = await box.getAttribute('aria-label');
    if (aria) return aria;
    const id = await box.getAttribute('id');
    return id ? this.locator.locator(`label[for="${id}"]`).first().innerText() : '';
  }

  /**
   * The innermost Container (or Column) of the card holding a TextBlock whose whole text
   * is `text`: e.g. one item of a `$data` list, with its own buttons.
   */
  section(text: string): Locator {
    const block = this.chat.page.locator('.ac-textBlock').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) });
    return this.locator.locator('.ac-container:not(.ac-adaptiveCard)').filter({ has: block }).last();
  }

  /** Clicks the action titled `title` inside section(text) (several items have a button of that title); see clickAction. */
  async clickActionIn(text: string, title: string): Promise<void> {
    await this.clickTarget(this.section(text).getByRole('button', { name: title, exact: true }));
  }

  /** Clicks the element (e.g. a table row) whose selectAction is titled `title`; see clickAction. */
  async clickSelectAction(title: string): Promise<void> {
    await this.clickTarget(this.selectAction(title));
  }

  private async clickTarget(target: Locator): Promise<void> {
    await target.waitFor({ state: 'visible' });
    await this.chat.markNow([this.message.seq]);
    await target.click();
  }
}

export type ConversationKind = 'personal' | 'group' | 'channel';

/** A composer: the Lexical editor of a chat, of a channel's new post, or of a thread reply. */
const COMPOSER = '[contenteditable="true"][role="textbox"]';

/** The Playground page: conversations, the composer, messages and cards. */
export class PlaygroundChat {
  kind: ConversationKind = 'personal';
  private mark: Mark = { after: 0, also: [] };

  constructor(
    readonly page: Page,
    readonly botName = BOT_NAME,
  ) {}

  /** Opens the page on the personal chat and waits for the conversation list and composer. */
  async open(url: string): Promise<void> {
    await this.page.addInitScript(PAGE_SCRIPT);
    await this.page.goto(url);
    await this.page.getByRole('treeitem', { name: 'Personal Chat', exact: true }).waitFor();
    await this.composer().waitFor();
    this.kind = 'personal';
    this.mark = { after: 0, also: [] };
  }

  /**
   * Selects a conversation in the left list by its accessible name. The Playground shows
   * no selection state to assistive technology, but it renders a new composer for each
   * conversation shown: the old one going away is the sign that the switch happened.
   */
  private async select(name: string, kind: ConversationKind): Promise<void> {
    await this.page.evaluate(`document.querySelectorAll('${COMPOSER}').forEach((e) => e.setAttribute('data-e2e-stale', ''))`);
    await this.page.getByRole('treeitem', { name, exact: true }).click();
    await this.page
      .waitForFunction(`!document.querySelector('${COMPOSER}[data-e2e-stale]')`, undefined, { timeout: 5_000, polling: 100 })
      .catch(() => undefined); // Clicking the conversation already shown changes nothing.
    this.kind = kind;
    await this.composer().waitFor();
    if (kind === 'channel') await this.page.getByRole('button', { name: 'Post', exact: true }).waitFor();
    // Everything in the newly shown conversation counts (e.g. a welcome card).
    this.mark = { after: 0, also: [] };
  }

  openPersonalChat(): Promise<void> {
    return this.select('Personal Chat', 'personal');
  }

  /** The group chat; its name is groupChat.name in the config. */
  openGroupChat(name = 'Group Chat'): Promise<void> {
    return this.select(name, 'group');
  }

  /** A team channel, as listed: "<team> - <channel>", e.g. "My Team - General". */
  openChannel(channel = 'General', team = 'My Team'): Promise<void> {
    return this.select(`${team} - ${channel}`, 'channel');
  }

  /** The composer: a chat's message box, or a channel's "Start a new post" box (the first). */
  composer(): Locator {
    return this.page.locator(`${COMPOSER}:not([data-e2e-stale])`).first();
  }

  /** The messages of the open conversation, in screen order. */
  async messages(): Promise<ChatMessage[]> {
    await this.page.evaluate(PAGE_SCRIPT);
    return (await this.page.evaluate(`window.__courtierE2E.messages(${JSON.stringify(this.botName)})`)) as ChatMessage[];
  }

  /** From now on, waitFor* calls look only at messages not on screen yet (plus `also`). */
  async markNow(also: number[] = []): Promise<number> {
    const after = Math.max(0, ...(await this.messages()).map((m) => m.seq));
    this.mark = { after, also };
    return after;
  }

  /**
   * Sends `text` as the current user. In a channel (and with mention: true anywhere) it
   * starts with an @mention of the bot picked from the mention menu, as a person would
   * do; in a channel it is posted as a new post. Resolves once the message is shown;
   * the next waitFor* calls look only at messages newer than it.
   */
  async send(text: string, options: { mention?: boolean } = {}): Promise<void> {
    const mention = options.mention ?? this.kind === 'channel';
    const before = await this.markNow();
    const box = this.composer();
    await box.click();
    if (mention) {
      await this.page.keyboard.type('@');
      // The item's accessible name repeats the avatar's label: match its visible text.
      const name = new RegExp(`^\\s*${escapeRegExp(this.botName)}\\s*$`);
      await this.page.locator('#typeahead-menu').getByRole('menuitem').filter({ hasText: name }).click();
      await this.page.keyboard.type(' ');
    }
    await this.page.keyboard.type(text);
    if (this.kind === 'channel') await this.page.getByRole('button', { name: 'Post', exact: true }).click();
    else await this.page.keyboard.press('Enter');
    await this.waitForMessage((m) => !m.fromBot && textMatches(m.text, text), { since: before }, `my own message "${text}"`);
  }

  /** Waits for a message (by default newer than the last send or click) that passes `test`. */
  async waitForMessage(test: (m: ChatMessage) => boolean, options: WaitOptions = {}, what = 'a message'): Promise<ChatMessage> {
    const mark: Mark = options.since === undefined ? this.mark : { after: options.since, also: [] };
    const counts = (m: ChatMessage) => m.seq > mark.after || mark.also.includes(m.seq);
    const timeoutMs = options.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const all = await this.messages();
      const found = all.find((m) => counts(m) && test(m));
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = all
          .filter(counts)
          .map((m) => `  #${m.seq} ${m.author || '(me)'}: ${m.text.replace(/\s+/g, ' ').slice(0, 300)}`);
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Messages looked at:\n${seen.join('\n') || '  (none)'}`);
      }
      await sleep(250);
    }
  }

  /** Waits for a bot message whose text (cards included) matches `text`. */
  waitForReply(text: TextMatch, options: WaitOptions = {}): Promise<ChatMessage> {
    return this.waitForMessage((m) => m.fromBot && textMatches(m.text, text), options, `a reply from ${this.botName} matching ${String(text)}`);
  }

  /** Waits for an Adaptive Card from the bot whose text matches `text`. */
  async waitForCard(text: TextMatch, options: WaitOptions = {}): Promise<Card> {
    const message = await this.waitForMessage(
      (m) => m.fromBot && m.cards.some((c) => textMatches(c.text, text)),
      options,
      `a card from ${this.botName} matching ${String(text)}`,
    );
    const card = message.cards.find((c) => textMatches(c.text, text));
    return new Card(this, card?.id ?? '', message);
  }

  /** The bot's cards on screen (by default all of the open conversation), in screen order. */
  async cards(options: { since?: number } = {}): Promise<Card[]> {
    const since = options.since ?? 0;
    return (await this.messages())
      .filter((m) => m.fromBot && m.seq > since)
      .flatMap((m) => m.cards.map((c) => new Card(this, c.id, m)));
  }
}

// ---------------------------------------------------------------------------------------
// The whole stack
// ---------------------------------------------------------------------------------------

export interface StackOptions {
  /** Extra environment for Courtier (e.g. BROKER_STAFF_IDS, SAMPLE_DATA=off). */
  env?: Record<string, string>;
  playground?: PlaygroundOptions;
  /**
   * Time zone of the user (default America/Toronto): the browser's, which the Playground
   * sends as localTimezone with messages, and the Playground's (TZ), which it sends
   * with card actions.
   */
  timezoneId?: string;
  viewport?: { width: number; height: number };
}

export interface PlaygroundStack {
  courtier: CourtierProcess;
  playground: PlaygroundProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  chat: PlaygroundChat;
  /** Screenshot and logs to test-results/e2e/<name>.*; returns the screenshot path. */
  saveArtifacts(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts Courtier, the Playground and Chromium, and opens the Playground page. On any
 * failure what was started is stopped again before the error is thrown.
 */
export async function startPlaygroundStack(options: StackOptions = {}): Promise<PlaygroundStack> {
  assertChromium();
  const stoppers: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const s of stoppers.reverse()) await s().catch(() => undefined);
    stoppers.length = 0;
  };
  try {
    const courtier = await startCourtierProcess(options.env);
    stoppers.push(() => courtier.stop());
    const timezoneId = options.timezoneId ?? 'America/Toronto';
    const playground = await startPlaygroundProcess(courtier.endpoint, {
      ...options.playground,
      env: { TZ: timezoneId, ...options.playground?.env },
    });
    stoppers.push(() => playground.stop());
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    stoppers.push(() => browser.close());
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
      timezoneId,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    const chat = new PlaygroundChat(page);
    await chat.open(playground.url);

    const saveArtifacts = async (name: string) => {
      const safe = name.replace(/[^\w.-]+/g, '_').slice(0, 120);
      mkdirSync(RESULTS_DIR, { recursive: true });
      const png = join(RESULTS_DIR, `${safe}.png`);
      await page.screenshot({ path: png, fullPage: true }).catch(() => undefined);
      writeFileSync(join(RESULTS_DIR, `${safe}.courtier.log`), courtier.child.log);
      const panel = existsSync(playground.logFile) ? readFileSync(playground.logFile, 'utf8') : '';
      writeFileSync(join(RESULTS_DIR, `${safe}.playground.log`), `${playground.child.log}\n--- log file ---\n${panel}`);
      writeFileSync(join(RESULTS_DIR, `${safe}.browser-console.log`), consoleErrors.join('\n'));
      const html = await page.content().catch(() => '');
      writeFileSync(join(RESULTS_DIR, `${safe}.html`), html);
      return png;
    };
    return { courtier, playground, browser, context, page, chat, saveArtifacts, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * One Playground stack for a whole describe block: started before its tests, stopped
 * after them, and on a failed test its screenshot, page and logs saved (prefixed `label`).
 * Returns the accessor the tests use.
 */
export function usePlaygroundStack(label: string, options: StackOptions | (() => Promise<StackOptions>) = {}): () => PlaygroundStack {
  let stack: PlaygroundStack | undefined;
  beforeAll(async () => {
    stack = await startPlaygroundStack(typeof options === 'function' ? await options() : options);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      if (task.fails) return; // An expected failure (it.fails) is not worth artifacts.
      const png = await stack?.saveArtifacts(label ? `${label} ${task.name}` : task.name);
      if (png) console.error(`Playground e2e failure artifacts: ${png} (and .courtier.log, .playground.log, .html beside it)`);
    });
  });
  return () => {
    if (!stack) throw new Error('the Playground stack did not start');
    return stack;
  };
}

/**
 * The stages of the one conversation that the tests of a file continue, in order. Each test
 * first calls reach(the stage it starts from): the steps that no earlier test (nor an earlier
 * reach) took yet are taken then, so that a test also runs alone (`vitest -t`), while in file
 * order every reach finds its stage reached already. A test that takes a step itself, with
 * its own checks, says so with reached(stage). `steps` lead from `start` to each stage in turn.
 */
export interface Journey<S extends string> {
  reach(stage: S): Promise<void>;
  reached(stage: S): void;
}

export function journey<S extends string>(start: S, steps: ReadonlyArray<readonly [S, () => Promise<unknown>]>): Journey<S> {
  const order: S[] = [start, ...steps.map(([stage]) => stage)];
  const index = (stage: S) => {
    const i = order.indexOf(stage);
    if (i < 0) throw new Error(`no stage "${stage}" in ${order.join(' → ')}`);
    return i;
  };
  let at = 0;
  return {
    async reach(stage) {
      // A step that fails leaves `at` where it was.
      for (const target = index(stage); at < target; at++) await steps[at]![1]();
    },
    reached(stage) {
      at = index(stage);
    },
  };
}
