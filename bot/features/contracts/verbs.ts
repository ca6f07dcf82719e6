// The verbs of the contract cards. Each parses its data (it can be forged: zod), passes the
// gate, loads what the viewer may see (another organization's contract is a 404), calls one
// use case and answers with a card; a refused input re-shows the card with what was typed.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { formatIsoDate } from '../../../domain/catalogue-format';
import { defineVerb, invokeResponses, type VerbHandler } from '../../invoke-router';
import { sendCard, type Turn } from '../../turn';
import type { CatalogueGate, Viewer } from '../access';
import type { ContractUseCases } from './use-cases';
import { deadlineTitleKey } from '../../../cards/contract-list';
import { amendmentCard, deadlinesCard, formCard, listCard, reminderCard } from './views';

const id = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().max(max).optional().default('');
/** A multi-select ChoiceSet answers "a,b,c"; forged data may send an array. */
const idList = z
  .union([z.string().max(4000), z.array(z.string().max(100)).max(100)])
  .optional()
  .default('')
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean).slice(0, 100));

const newData = z.object({ dossierId: z.string().max(100).optional() }).loose();
const recordData = z
  .object({ organizationId: text(100), dossierId: text(100), offerIds: idList, signedOn: text(20), startsOn: text(20), months: text(10), amount: text(30), contactIds: idList })
  .loose();
const contractRef = z.object({ contractId: id }).loose();
const amendData = z.object({ contractId: id, signedOn: text(20), months: text(10), quantities: text(1000) }).loose();
/** "Fait" from the deadlines list answers with the list again, not the one deadline: the short one ('list') or every open one ('all'). */
const doneData = z.object({ deadlineId: id, from: z.enum(['list', 'all']).optional() }).loose();
/** The deadlines that have come or come within a month (the `échéances` command's), or every open one ("Tout afficher"). */
const deadlinesData = z.object({ scope: z.enum(['soon', 'all']).optional().default('soon') }).loose();
const headSignedData = z.object({ deadlineId: id, headSignedOn: text(20) }).loose();

type Response = AdaptiveCardInvokeResponse;

export function contractVerbs(deps: { gate: CatalogueGate; contracts: ContractUseCases; today: () => string }): VerbHandler[] {
  const { gate, contracts, today } = deps;
  const card = invokeResponses.card;

  /** Passes the gate (403 otherwise) and shows the R4 notice once. */
  function gated<D>(work: (turn: Turn, data: D, viewer: Viewer) => Promise<Response>) {
    return async (turn: Turn, data: D): Promise<Response> => {
      const result = await gate.check(turn.ctx, turn.locale);
      if (!result.ok) return invokeResponses.error(403, 'Forbidden', turn.t('contracts.forbidden'));
      if (result.notice) await sendCard(turn, result.notice);
      return work(turn, data, result.viewer);
    };
  }
  const notFound = (turn: Turn) => invokeResponses.error(404, 'NotFound', turn.t('contracts.notFound'));
  const staff = (viewer: Viewer) => viewer.as === 'staff';

  return [
    defineVerb({
      verb: 'contract.new',
      data: newData,
      handle: gated(async (turn, data: z.infer<typeof newData>, viewer) => {
        if (!staff(viewer) && !viewer.organizationId) return card(listCard(turn.locale, [], { staff: false, notice: turn.t('contracts.noOrganization'), today: today() }));
        const { choices, values } = await contracts.form(viewer, data.dossierId || undefined);
        return card(formCard(turn.locale, choices, values));
      }),
    }),
    defineVerb({
      verb: 'contract.record',
      data: recordData,
      handle: gated(async (turn, data: z.infer<typeof recordData>, viewer) => {
        const outcome = await contracts.record(viewer, turn.locale, data);
        if (!outcome.ok) {
          const { choices } = await contracts.form(viewer, data.dossierId || undefined);
          return card(formCard(turn.locale, choices, data, outcome.errors));
        }
        return card(listCard(turn.locale, [outcome.contract], { staff: staff(viewer), notice: turn.t('contracts.recorded'), today: today() }));
      }),
    }),
    defineVerb({
      verb: 'contract.amendForm',
      data: contractRef,
      handle: gated(async (turn, data: z.infer<typeof contractRef>, viewer) => {
        const contract = await contracts.find(viewer, data.contractId);
        return contract ? card(amendmentCard(turn.locale, contract)) : notFound(turn);
      }),
    }),
    defineVerb({
      verb: 'contract.amend',
      data: amendData,
      handle: gated(async (turn, data: z.infer<typeof amendData>, viewer) => {
        const contract = await contracts.find(viewer, data.contractId);
        if (!contract) return notFound(turn);
        const outcome = await contracts.amend(viewer, turn.locale, contract, data);
        if (!outcome.ok) return card(amendmentCard(turn.locale, contract, data, outcome.errors));
        const notice = turn.t('contracts.amended', { due: formatIsoDate(outcome.due, turn.locale) });
        return card(listCard(turn.locale, [outcome.contract], { staff: staff(viewer), notice, today: today() }));
      }),
    }),
    defineVerb({
      verb: 'contract.list',
      data: z.object({}).loose(),
      handle: gated(async (turn, _data, viewer) => card(listCard(turn.locale, await contracts.list(viewer), { staff: staff(viewer), today: today() }))),
    }),
    defineVerb({
      verb: 'contract.deadlines',
      data: deadlinesData,
      handle: gated(async (turn, data: z.infer<typeof deadlinesData>, viewer) =>
        card(deadlinesCard(turn.locale, await contracts.openDeadlines(viewer, data.scope), { staff: staff(viewer), today: today() })),
      ),
    }),
    defineVerb({
      verb: 'contract.done',
      data: doneData,
      handle: gated(async (turn, data: z.infer<typeof doneData>, viewer) => {
        if (!(await contracts.findDeadline(viewer, data.deadlineId))) return notFound(turn);
        const done = await contracts.markDone(viewer, data.deadlineId);
        if (!done) return notFound(turn);
        if (data.from) {
          const message = turn.t('deadline.list.doneMessage', { deadline: turn.t(deadlineTitleKey(done.deadline.kind)) });
          const scope = data.from === 'all' ? 'all' : 'soon';
          return card(deadlinesCard(turn.locale, await contracts.openDeadlines(viewer, scope), { staff: staff(viewer), today: today(), message }));
        }
        // Staff close the overdue copy they were sent: it stays the staff card (with the contacts named).
        return card(reminderCard(turn.locale, done.contract, done.deadline, { audience: staff(viewer) ? 'staff' : 'contacts', today: today() }));
      }),
    }),
    defineVerb({
      verb: 'contract.headSigned',
      data: headSignedData,
      handle: gated(async (turn, data: z.infer<typeof headSignedData>, viewer) => {
        const found = await contracts.findDeadline(viewer, data.deadlineId);
        if (!found || found.deadline.kind !== 'end_evaluation') return notFound(turn);
        const updated = await contracts.setHeadSigned(found.contract, data.headSignedOn);
        if (!updated) return card(reminderCard(turn.locale, found.contract, found.deadline, { audience: 'contacts', today: today(), error: turn.t('deadline.error.headSignedOn') }));
        return card(reminderCard(turn.locale, updated, updated.deadlines.find((d) => d.id === data.deadlineId)!, { audience: 'contacts', today: today() }));
      }),
    }),
  ];
}
