// R8: `prices publish` enqueues the publication's announcement and the re-ranking of files in
// progress in the publication's own transaction, for the running bot to deliver: once per
// publication however often the command runs, and nothing for a publication refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES_RERANK, FILES_WITHDRAWAL, OFFER_ANNOUNCE, PRICES_ANNOUNCE } from '../../bot/features/announcements/jobs';
import { runCliOn, useCliDatabase } from '../fixtures/cli';
import { DB_KINDS } from '../fixtures/db';

const cli = (url: string, ...argv: string[]) => runCliOn(url, argv);

describe.each(DB_KINDS)('R8 a publication enqueues its announcement on %s', (kind) => {
  const cliDb = useCliDatabase(kind, 'data/templates/catalogue-template.xlsx');
  const jobs = () => cliDb.db.job.findMany({ orderBy: { dedupeKey: 'asc' }, select: { kind: true, dedupeKey: true, payload: true } });


  it('R8: a publication refused by its date or its rows announces nothing', async () => {
    const notFirstBusinessDay = await cli(cliDb.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2026-12-02');
    expect(notFirstBusinessDay.code).toBe(1);
    const bad = join(mkdtempSync(join(tmpdir(), 'courtier-announce-')), 'bad.csv');
    writeFileSync(bad, 'offer_id,component_id,unit_price\noff-exemple-courriel,off-exemple-courriel-base,abc\n');
    const badRows = await cli(cliDb.url, 'prices', 'publish', bad, '--effective', '2026-12-01');
    expect(badRows.code).toBe(1);
    expect(await jobs()).toEqual([]);
  });

  it('R8: the announcement and the re-ranking are enqueued with the publication; running the command twice announces once', async () => {
    const first = await cli(cliDb.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2026-12-01');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('announcement queued');
    const again = await cli(cliDb.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2026-12-01');
    expect(again.code).toBe(1);
    expect(await jobs()).toEqual([
      { kind: FILES_RERANK, dedupeKey: `${FILES_RERANK}:2026-12-01`, payload: JSON.stringify({ effectiveDate: '2026-12-01' }) },
      { kind: PRICES_ANNOUNCE, dedupeKey: `${PRICES_ANNOUNCE}:2026-12-01`, payload: JSON.stringify({ effectiveDate: '2026-12-01' }) },
    ]);
    expect(await cliDb.db.priceVersion.count()).toBe(1);
  });

  it('R8: staff withdraw an offer from the CLI with a reason: recorded with who and when, its announcement and file notices enqueued with it; a second withdrawal or an unknown offer is refused', async () => {
    expect((await cli(cliDb.url, 'offers', 'withdraw', 'off-exemple-courriel')).code).toBe(2);
    expect((await cli(cliDb.url, 'offers', 'withdraw', 'off-inconnue', '--reason', 'Fin du contrat')).code).toBe(1);
    const done = await cli(cliDb.url, 'offers', 'withdraw', 'off-exemple-courriel', '--reason', 'Fournisseur en défaut', '--by', 'Sophie Courtière');
    expect(done.code, done.err).toBe(0);
    const change = await cliDb.db.catalogueChange.findFirstOrThrow({ where: { offerId: 'off-exemple-courriel' } });
    expect(change).toMatchObject({ kind: 'offer_withdrawn', reason: 'Fournisseur en défaut', byName: 'Sophie Courtière' });
    expect((await cli(cliDb.url, 'offers', 'withdraw', 'off-exemple-courriel', '--reason', 'Encore')).code).toBe(1);
    const queued = (await jobs()).filter((j) => j.kind === OFFER_ANNOUNCE || j.kind === FILES_WITHDRAWAL);
    expect(queued.map((j) => j.dedupeKey)).toEqual([`${FILES_WITHDRAWAL}:${change.id}`, `${OFFER_ANNOUNCE}:${change.id}`]);
  });
});
