// Teams app package: manifest and localization file against the official (vendored) schemas, icons, zip build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEAMS_APP_ID, ManifestBuildError, ROOT_DIR, buildTeamsAppPackage, substituteTokens, } from '../../scripts/build-manifest';
import { renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons';

const MANIFEST_DIR = join(ROOT_DIR, 'manifest');
const SCHEMA_DIR = join(MANIFEST_DIR, 'schema');
const SAMPLE_BOT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const SAMPLE_APP_ID = 'b7c4a1d2-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const EXPECTED_ZIP_FILES = ['color.png', 'en.json', 'manifest.json', 'outline.png'];

type Json = Record<string, unknown>;

const readText = (file: string) => readFileSync(join(MANIFEST_DIR, file), 'utf8');
const readJson = (file: string) => JSON.parse(readText(file)) as Json;

/** The official schemas are draft-04; their patterns are ECMAScript regexes without the "u" flag. */
function officialValidator(schemaFile: string) {
  const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, schemaFile), 'utf8')) as object);
}
const validateManifest = officialValidator('MicrosoftTeams.schema.json');
const validateLocalization = officialValidator('MicrosoftTeams.Localization.schema.json');

function sampleManifest(): Json {
  return JSON.parse(substituteTokens(readText('manifest.json'), { BOT_ID: SAMPLE_BOT_ID, TEAMS_APP_ID: SAMPLE_APP_ID })) as Json;
}

interface Bot {
  botId: string;
  scopes: string[];
  supportsFiles: boolean;
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'courtier-manifest-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('vendored official schemas', () => {
  it('are the unmodified files from @microsoft/app-manifest listed (with SHA-256) in manifest/schema/README.md', () => {
    const readme = readFileSync(join(SCHEMA_DIR, 'README.md'), 'utf8');
    expect(readme).toContain('@microsoft/app-manifest');
    for (const file of ['MicrosoftTeams.schema.json', 'MicrosoftTeams.Localization.schema.json']) {
      const sha = createHash('sha256').update(readFileSync(join(SCHEMA_DIR, file))).digest('hex');
      expect(readme, `SHA-256 of ${file}`).toContain(`${sha}  ${file}`);
    }
  });

  it('reject a manifest with a non-GUID botId or an unknown property (validation is not vacuous)', () => {
    const badBot = sampleManifest();
    (badBot.bots as Bot[])[0]!.botId = 'pas-un-guid';
    expect(validateManifest(badBot)).toBe(false);
    expect(validateManifest({ ...sampleManifest(), inconnu: true })).toBe(false);
    expect(validateLocalization({ ...readJson('en.json'), 'name.short': 'x'.repeat(31) })).toBe(false);
  });
});

describe('manifest.json', () => {
  it('is valid against the official Teams 1.19 manifest schema once tokens are replaced by sample GUIDs', () => {
    const manifest = sampleManifest();
    const valid = validateManifest(manifest);
    expect(validateManifest.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.manifestVersion).toBe('1.19');
    expect(manifest.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json');
  });

  it('has the ${{BOT_ID}} and ${{TEAMS_APP_ID}} tokens and no other', () => {
    const tokens = [...readText('manifest.json').matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    expect(tokens).toEqual(['BOT_ID', 'TEAMS_APP_ID']);
  });

  it('names the app Courtier / Courtier en infonuagique, in fr-CA by default with en.json for English', () => {
    const manifest = sampleManifest();
    expect(manifest.name).toEqual({ short: 'Courtier', full: 'Courtier en infonuagique' });
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'fr-CA',
      additionalLanguages: [{ languageTag: 'en', file: 'en.json' }],
    });
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('declares one bot for personal, team and groupChat, without files, with a French command list per scope', () => {
    const bots = sampleManifest().bots as Bot[];
    expect(bots).toHaveLength(1);
    const bot = bots[0]!;
    expect(bot.botId).toBe(SAMPLE_BOT_ID);
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.commandLists.map((l) => l.scopes).flat().sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      expect(list.scopes).toHaveLength(1);
      expect(list.commands.map((c) => c.title)).toEqual(['aide', 'catalogue', 'chercher', 'besoins', 'dossiers']);
      for (const c of list.commands) expect(c.description.length).toBeGreaterThan(10);
    }
  });
});

describe('en.json (English localization)', () => {
  it('is valid against the official Teams 1.19 localization schema', () => {
    const en = readJson('en.json');
    const valid = validateLocalization(en);
    expect(validateLocalization.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(en.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json',
    );
  });

  it('translates the title and description of every command of every command list, and nothing that does not exist', () => {
    const en = readJson('en.json');
    const bot = (sampleManifest().bots as Bot[])[0]!;
    const expectedKeys: string[] = [];
    bot.commandLists.forEach((list, i) =>
      list.commands.forEach((_c, j) => {
        expectedKeys.push(`bots[0].commandLists[${i}].commands[${j}].title`);
        expectedKeys.push(`bots[0].commandLists[${i}].commands[${j}].description`);
      }),
    );
    const commandKeys = Object.keys(en).filter((k) => k.startsWith('bots['));
    expect(commandKeys.sort()).toEqual(expectedKeys.sort());
    const titles = bot.commandLists.map((_l, i) => [0, 1, 2, 3, 4].map((j) => en[`bots[0].commandLists[${i}].commands[${j}].title`]));
    for (const t of titles) expect(t).toEqual(['help', 'catalogue', 'search', 'needs', 'files']);
    expect(en['name.short']).toBe('Courtier');
  });
});

describe('icons', () => {
  it('color.png is 192×192 and fully opaque (no transparent pixel)', () => {
    const png = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'color.png')));
    expect([png.width, png.height]).toEqual([192, 192]);
    for (let i = 3; i < png.data.length; i += 4) {
      if (png.data[i] !== 255) throw new Error(`pixel ${(i - 3) / 4} of color.png is not opaque`);
    }
  });

  it('outline.png is 32×32 with an alpha channel: transparent background, white-only pixels', () => {
    const png = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'outline.png')));
    expect([png.width, png.height]).toEqual([32, 32]);
    expect((png as unknown as { alpha: boolean }).alpha).toBe(true);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const alpha = png.data[i + 3]!;
      if (alpha === 0) transparent++;
      if (alpha === 255) opaque++;
      if (alpha > 0) expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(png.data[3]).toBe(0); // corner pixel: background
    expect(transparent).toBeGreaterThan(200);
    expect(opaque).toBeGreaterThan(200);
  });

  it('the committed PNGs are exactly what scripts/make-icons.ts generates (reproducible)', () => {
    expect(renderColorIcon().equals(readFileSync(join(MANIFEST_DIR, 'color.png')))).toBe(true);
    expect(renderOutlineIcon().equals(readFileSync(join(MANIFEST_DIR, 'outline.png')))).toBe(true);
  });
});

describe('buildTeamsAppPackage (scripts/build-manifest.ts)', () => {
  it('writes a zip holding exactly manifest.json, en.json, color.png and outline.png at its root, ids substituted', () => {
    const outFile = join(tempDir(), 'out', 'courtier-teams-app.zip');
    const result = buildTeamsAppPackage({ outFile, env: { MicrosoftAppId: SAMPLE_BOT_ID, TEAMS_APP_ID: SAMPLE_APP_ID } });
    expect(result.outFile).toBe(outFile);

    const zip = new AdmZip(outFile);
    const names = zip.getEntries().map((e) => e.entryName);
    expect([...names].sort()).toEqual(EXPECTED_ZIP_FILES);

    const manifest = JSON.parse(zip.readAsText('manifest.json')) as Json;
    expect(manifest.id).toBe(SAMPLE_APP_ID);
    expect((manifest.bots as Bot[])[0]!.botId).toBe(SAMPLE_BOT_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(validateManifest(manifest)).toBe(true);
    expect(zip.readFile('en.json')!.equals(readFileSync(join(MANIFEST_DIR, 'en.json')))).toBe(true);
    expect(zip.readFile('color.png')!.equals(readFileSync(join(MANIFEST_DIR, 'color.png')))).toBe(true);
    expect(zip.readFile('outline.png')!.equals(readFileSync(join(MANIFEST_DIR, 'outline.png')))).toBe(true);
  });

  it('uses the fixed default app id when TEAMS_APP_ID is not set', () => {
    const outFile = join(tempDir(), 'pkg.zip');
    const { manifest } = buildTeamsAppPackage({ outFile, env: { MicrosoftAppId: SAMPLE_BOT_ID } });
    expect(manifest.id).toBe(DEFAULT_TEAMS_APP_ID);
  });

  it('fails with a clear ManifestBuildError when MicrosoftAppId is missing, empty or not a GUID', () => {
    const outFile = join(tempDir(), 'never.zip');
    expect(() => buildTeamsAppPackage({ outFile, env: {} })).toThrow(ManifestBuildError);
    expect(() => buildTeamsAppPackage({ outFile, env: {} })).toThrow(/MicrosoftAppId est requis/);
    expect(() => buildTeamsAppPackage({ outFile, env: { MicrosoftAppId: '  ' } })).toThrow(/MicrosoftAppId/);
    expect(() => buildTeamsAppPackage({ outFile, env: { MicrosoftAppId: 'abc' } })).toThrow(/pas un GUID valide/);
    expect(() => buildTeamsAppPackage({ outFile, env: { MicrosoftAppId: SAMPLE_BOT_ID, TEAMS_APP_ID: 'x' } })).toThrow(
      /TEAMS_APP_ID/,
    );
  });

  it('npm run manifest (the CLI) exits 1 with an error message and writes nothing without MicrosoftAppId', () => {
    const outFile = join(tempDir(), 'cli.zip');
    const tsx = join(ROOT_DIR, 'node_modules', '.bin', 'tsx');
    // MicrosoftAppId set but empty, so that a developer's .env (loaded by the CLI, never overriding) cannot fill it.
    const run = spawnSync(tsx, ['scripts/build-manifest.ts', '--out', outFile], {
      cwd: ROOT_DIR,
      env: { ...process.env, MicrosoftAppId: '' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Erreur : MicrosoftAppId est requis/);
    expect(() => readFileSync(outFile)).toThrow();
  });

  it('npm run manifest (the CLI) writes the zip to --out when MicrosoftAppId is a GUID', () => {
    const outFile = join(tempDir(), 'cli-ok.zip');
    const tsx = join(ROOT_DIR, 'node_modules', '.bin', 'tsx');
    const run = spawnSync(tsx, ['scripts/build-manifest.ts', '--out', outFile], {
      cwd: ROOT_DIR,
      env: { ...process.env, MicrosoftAppId: SAMPLE_BOT_ID },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/Erreur/);
    expect(run.status).toBe(0);
    const names = new AdmZip(outFile).getEntries().map((e) => e.entryName);
    expect(names.sort()).toEqual(EXPECTED_ZIP_FILES);
  });
});
