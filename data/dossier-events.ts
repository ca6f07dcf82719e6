// One entry of a file's history (R14, R31), written in the transaction of the change it
// records, at the file's current version: the kickoff and the contracts (which change no
// answer of the file) use it; the file's own changes write theirs beside the new version.
import type { HistoryDetails } from '../domain/dossier-history';
import type { Db } from './db';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export async function rememberOnFile(tx: Tx, dossierId: string, by: { id: string; name: string }, details: HistoryDetails): Promise<void> {
  const file = await tx.dossier.findUnique({ where: { id: dossierId }, select: { version: true } });
  await tx.dossierEvent.create({ data: { dossierId, version: file?.version ?? 0, kind: details.kind, byId: by.id, byName: by.name, details: JSON.stringify(details) } });
}
