// Writes one Prisma schema per provider from prisma/models.prisma, so SQLite and
// PostgreSQL share one data model. Run by `npm run db:generate` (and postinstall).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const models = readFileSync(join(root, 'prisma/models.prisma'), 'utf8');

for (const provider of ['sqlite', 'postgresql'] as const) {
  const dir = provider === 'sqlite' ? 'sqlite' : 'postgres';
  const header = `// GENERATED from prisma/models.prisma by scripts/prisma-schemas.ts — do not edit.
generator client {
  provider     = "prisma-client"
  output       = "../../generated/${dir}"
  engineType   = "client"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}
`;
  mkdirSync(join(root, 'prisma', dir), { recursive: true });
  writeFileSync(join(root, 'prisma', dir, 'schema.prisma'), header + '\n' + models);
}
