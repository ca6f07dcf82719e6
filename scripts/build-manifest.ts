// Builds the Teams app package dist/courtier-teams-app.zip from manifest/ (see manifest/README.md).
//   MicrosoftAppId=<bot GUID> [TEAMS_APP_ID=<app GUID>] npm run manifest [-- --out path/to/package.zip]
// The tokens ${{BOT_ID}} and ${{TEAMS_APP_ID}} in manifest/manifest.json are replaced, the result is validated
// against the official Teams JSON schemas vendored in manifest/schema/, and the zip gets manifest.json, the
// language files listed in localizationInfo and the two icons, all at the zip root.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AdmZip from 'adm-zip';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export const ROOT_DIR = fileURLToPath(new URL('../', import.meta.url));
export const MANIFEST_DIR = join(ROOT_DIR, 'manifest');
export const DEFAULT_OUT_FILE = join(ROOT_DIR, 'dist', 'courtier-teams-app.zip');
/** Used when TEAMS_APP_ID is not set. Keep it stable: Teams identifies the app (and its updates) by this id. */
export const DEFAULT_TEAMS_APP_ID = '172fd79d-9cae-497d-8eb2-fc33ee8851cc';
/** Same pattern as the "guid" definition of the Teams manifest schema. */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
/** Official schemas, vendored from @microsoft/app-manifest (see manifest/schema/README.md). */
export const SCHEMA_VERSION = '1.19';
export const MANIFEST_SCHEMA_FILE = join(MANIFEST_DIR, 'schema', 'MicrosoftTeams.schema.json');
export const LOCALIZATION_SCHEMA_FILE = join(MANIFEST_DIR, 'schema', 'MicrosoftTeams.Localization.schema.json');

export class ManifestBuildError extends Error {
  override name = 'ManifestBuildError';
}

type Env = Record<string, string | undefined>;

export interface TeamsManifest {
  manifestVersion: string;
  id: string;
  developer: { websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  icons: { color: string; outline: string };
  localizationInfo?: {
    defaultLanguageTag: string;
    defaultLanguageFile?: string;
    additionalLanguages?: { languageTag: string; file: string }[];
  };
  bots?: { botId: string }[];
  [key: string]: unknown;
}

export interface BuildOptions {
  /** Zip to write (default dist/courtier-teams-app.zip). */
  outFile?: string;
  /** Where MicrosoftAppId and TEAMS_APP_ID are read (default process.env). */
  env?: Env;
  /** Folder holding manifest.json, its language files and icons (default manifest/). */
  manifestDir?: string;
}

export interface BuildResult {
  outFile: string;
  /** The manifest written into the zip, tokens replaced. */
  manifest: TeamsManifest;
  /** Names of the files at the zip root, in the order written. */
  files: string[];
  /** Non-fatal remarks, e.g. placeholder developer URLs still in place. */
  warnings: string[];
}

/** Reads and checks the ids from the environment; throws ManifestBuildError with a message fit for a person. */
export function resolveIds(env: Env): { botId: string; appId: string } {
  const botId = env.MicrosoftAppId?.trim();
  if (!botId) {
    throw new ManifestBuildError(
      "MicrosoftAppId est requis : l'identifiant (GUID) de l'application Entra ID du bot, p. ex. " +
        'MicrosoftAppId=00000000-0000-0000-0000-000000000000 npm run manifest. ' +
        '/ MicrosoftAppId is required: the bot’s Entra ID application (client) id, a GUID.',
    );
  }
  if (!GUID_PATTERN.test(botId)) {
    throw new ManifestBuildError(
      `MicrosoftAppId n'est pas un GUID valide / MicrosoftAppId is not a valid GUID: "${botId}"`,
    );
  }
  const appId = env.TEAMS_APP_ID?.trim() || DEFAULT_TEAMS_APP_ID;
  if (!GUID_PATTERN.test(appId)) {
    throw new ManifestBuildError(`TEAMS_APP_ID n'est pas un GUID valide / TEAMS_APP_ID is not a valid GUID: "${appId}"`);
  }
  return { botId, appId };
}

/** Replaces the ${{NAME}} tokens of the manifest text; any token left unknown is an error. */
export function substituteTokens(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new ManifestBuildError(`Jeton inconnu dans manifest.json / unknown token: \${{${name}}}`);
    return value;
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ManifestBuildError(`Lecture impossible / cannot read ${file}: ${(err as Error).message}`);
  }
}

function compileSchema(file: string) {
  // unicodeRegExp: false because the official localization schema has patterns (an unescaped "]") that are valid
  // ECMAScript regular expressions only without the "u" flag that Ajv uses by default.
  const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(readJson(file) as object);
}

/** Validates against an official schema; returns readable error lines (empty when valid). */
export function schemaErrors(schemaFile: string, data: unknown): string[] {
  const validate = compileSchema(schemaFile);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Builds the Teams app package zip. Throws ManifestBuildError on any problem. */
export function buildTeamsAppPackage(options: BuildOptions = {}): BuildResult {
  const env = options.env ?? process.env;
  const manifestDir = options.manifestDir ?? MANIFEST_DIR;
  const outFile = resolve(options.outFile ?? DEFAULT_OUT_FILE);
  const { botId, appId } = resolveIds(env);

  const manifestFile = join(manifestDir, 'manifest.json');
  const text = substituteTokens(readFileSync(manifestFile, 'utf8'), { BOT_ID: botId, TEAMS_APP_ID: appId });
  const manifest = JSON.parse(text) as TeamsManifest;
  if (manifest.manifestVersion !== SCHEMA_VERSION) {
    throw new ManifestBuildError(
      `manifestVersion ${manifest.manifestVersion} : seul le schéma ${SCHEMA_VERSION} est fourni dans manifest/schema/`,
    );
  }
  const errors = schemaErrors(MANIFEST_SCHEMA_FILE, manifest);
  if (errors.length > 0) {
    throw new ManifestBuildError(`manifest.json ne respecte pas le schéma Teams ${SCHEMA_VERSION} :\n  ${errors.join('\n  ')}`);
  }

  const languageFiles = [
    manifest.localizationInfo?.defaultLanguageFile,
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l.file),
  ].filter((f): f is string => Boolean(f));
  for (const file of languageFiles) {
    const langErrors = schemaErrors(LOCALIZATION_SCHEMA_FILE, readJson(join(manifestDir, file)));
    if (langErrors.length > 0) {
      throw new ManifestBuildError(`${file} ne respecte pas le schéma de localisation :\n  ${langErrors.join('\n  ')}`);
    }
  }

  const zip = new AdmZip();
  const files = ['manifest.json'];
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  for (const file of [...languageFiles, manifest.icons.color, manifest.icons.outline]) {
    const path = join(manifestDir, file);
    if (!existsSync(path)) throw new ManifestBuildError(`Fichier manquant / missing file: ${path}`);
    zip.addFile(file, readFileSync(path));
    files.push(file);
  }
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip.toBuffer());

  const warnings: string[] = [];
  const { websiteUrl, privacyUrl, termsOfUseUrl } = manifest.developer;
  if ([websiteUrl, privacyUrl, termsOfUseUrl].some((u) => u.includes('.example.'))) {
    warnings.push('Les URL du développeur sont encore des exemples (.example.) : à remplacer avant publication.');
  }
  return { outFile, manifest, files, warnings };
}

function parseOutArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--out');
  return i >= 0 ? argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const envFile = join(ROOT_DIR, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile); // variables already set take precedence
  try {
    const result = buildTeamsAppPackage({ outFile: parseOutArg(process.argv.slice(2)) });
    for (const w of result.warnings) console.warn(`Attention : ${w}`);
    console.log(`Paquet Teams écrit / Teams app package written: ${result.outFile} (${result.files.join(', ')})`);
  } catch (err) {
    if (!(err instanceof ManifestBuildError)) throw err;
    console.error(`Erreur : ${err.message}`);
    process.exit(1);
  }
}
