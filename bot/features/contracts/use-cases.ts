// What people do with specific contracts (guide §4; R20–R32): record one (from a file or
// directly), amend it, list contracts and open deadlines, mark a deadline done, enter the
// head's signature of the end evaluation. Contracts are confidential (R4): a client sees its
// organization's, staff see every one.
import type { ContractFormField, ContractFormValues } from '../../../cards/contract-form';
import type { AmendmentField } from '../../../cards/contract-amendment';
import type { ContractRecord, ContractRepository, DeadlineRecord } from '../../../data/contract-repository';
import type { DossierRepository } from '../../../data/dossier-repository';
import type { IsoDate } from '../../../domain/calendar';
import { formatAmountInput } from '../../../domain/money';
import { addMonths, checkAmendment, checkAmount, checkDate, checkTerms, endOf, mayBeContracted, problemText, type ContractProblem } from '../../../domain/contracts';
import { openDeadlineList, transmissionDue, type DeadlineScope } from '../../../domain/deadlines';
import type { BusinessCalendar } from '../../../domain/calendar';
import { translator, type Locale } from '../../../domain/i18n';
import type { Viewer } from '../access';

export interface ContractUseCaseDeps {
  contracts: ContractRepository;
  dossiers: DossierRepository;
  calendar: BusinessCalendar;
  today(): string;
}

export type Refused<F extends string> = { ok: false; errors: Partial<Record<F, string>> };

/** What a deadlines list shows: the deadlines in its scope and how many open ones it leaves out. */
export interface DeadlineListing {
  scope: DeadlineScope;
  items: { contract: ContractRecord; deadline: DeadlineRecord }[];
  later: number;
}

const isStaff = (v: Viewer) => v.as === 'staff';
const mayView = (v: Viewer, c: { organizationId: string }) => isStaff(v) || (v.organizationId !== null && v.organizationId === c.organizationId);

function problemsByField<F extends string>(locale: Locale, problems: ContractProblem[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const p of problems) out[p.field as F] = [out[p.field as F], problemText(p, locale)].filter(Boolean).join(' ');
  return out;
}

export function contractUseCases(deps: ContractUseCaseDeps) {
  const { contracts, dossiers, calendar } = deps;

  async function find(viewer: Viewer, contractId: string): Promise<ContractRecord | null> {
    const c = await contracts.get(contractId);
    return c && mayView(viewer, c) ? c : null;
  }

  async function findDeadline(viewer: Viewer, deadlineId: string): Promise<{ contract: ContractRecord; deadline: DeadlineRecord } | null> {
    const contract = await contracts.byDeadline(deadlineId);
    if (!contract || !mayView(viewer, contract)) return null;
    return { contract, deadline: contract.deadlines.find((d) => d.id === deadlineId)! };
  }

  return {
    find,
    findDeadline,

    /** The card's choices, prefilled from an acquisition file the viewer may see. */
    async form(viewer: Viewer, dossierId?: string) {
      const dossier = dossierId ? await dossiers.getForViewer(dossierId, { staff: isStaff(viewer), organizationId: viewer.organizationId }) : null;
      const organizationId = dossier?.organizationId ?? (isStaff(viewer) ? null : viewer.organizationId);
      const [offers, contacts, organizations] = await Promise.all([
        contracts.offerChoices(),
        contracts.contactChoices(organizationId),
        isStaff(viewer) && !dossier ? contracts.organizationChoices() : Promise.resolve(null),
      ]);
      const values: ContractFormValues = {
        ...(organizationId ? { organizationId } : {}),
        offerIds: dossier?.choice ? dossier.choice.scenarioId.split('+').filter((id) => offers.some((o) => o.id === id && mayBeContracted(o))) : [],
        contactIds: contacts.some((c) => c.aadObjectId === viewer.aadObjectId) ? [viewer.aadObjectId] : [],
        // From the file: the duration of its needs and the chosen scenario's total, to be checked against the signed contract.
        ...(typeof dossier?.needs.durationMonths === 'number' ? { months: String(dossier.needs.durationMonths) } : {}),
        ...(dossier?.choice ? { amount: formatAmountInput(dossier.choice.totalCents) } : {}),
      };
      return {
        choices: {
          organizations,
          offers: offers.filter(mayBeContracted),
          contacts: contacts.map((c) => ({ aadObjectId: c.aadObjectId, displayName: c.displayName, ...(organizationId ? {} : { organizationName: c.organizationName }) })),
          dossier: dossier ? { id: dossier.id, reference: dossier.reference } : null,
        },
        values,
      };
    },

    /** Validates everything typed (each problem beside its field) and records the contract with its reminders. */
    async record(viewer: Viewer, locale: Locale, input: Required<Omit<ContractFormValues, 'organizationId'>> & { organizationId: string; dossierId: string }): Promise<{ ok: true; contract: ContractRecord } | Refused<ContractFormField>> {
      const t = translator(locale);
      const errors: Partial<Record<ContractFormField, string>> = {};
      const dossier = input.dossierId ? await dossiers.getForViewer(input.dossierId, { staff: isStaff(viewer), organizationId: viewer.organizationId }) : null;
      const organizationId = dossier?.organizationId ?? (isStaff(viewer) ? input.organizationId : viewer.organizationId);
      const organization = organizationId ? (await contracts.organizationChoices()).find((o) => o.id === organizationId) : undefined;
      if (!organization) errors.organizationId = t('contracts.error.organization');
      const offers = await contracts.offerChoices();
      const chosen = input.offerIds.map((id) => offers.find((o) => o.id === id));
      const underAnalysis = chosen.filter((o) => o && !mayBeContracted(o)).map((o) => o!.name);
      if (!input.offerIds.length) errors.offerIds = t('contracts.error.offers');
      else if (chosen.some((o) => !o)) errors.offerIds = t('contracts.error.unknownOffer');
      else if (underAnalysis.length) errors.offerIds = t('contracts.error.notQualified', { offers: underAnalysis.join(', ') });
      else if (new Set(chosen.map((o) => o!.supplierId)).size > 1) errors.offerIds = t('contracts.error.oneSupplier');
      const terms = checkTerms({ signedOn: input.signedOn, startsOn: input.startsOn, months: input.months }, deps.today() as IsoDate);
      if (!terms.ok) Object.assign(errors, problemsByField<ContractFormField>(locale, terms.problems));
      const amount = checkAmount('amount', input.amount, locale);
      const amountCents = typeof amount === 'number' ? amount : null;
      if (typeof amount !== 'number') Object.assign(errors, problemsByField<ContractFormField>(locale, [amount]));
      const members = organization ? await contracts.contactChoices(organization.id) : [];
      const contacts = input.contactIds.map((id) => members.find((m) => m.aadObjectId === id));
      if (!input.contactIds.length || contacts.some((c) => !c)) errors.contactIds = t('contracts.error.contacts');
      if (Object.keys(errors).length || !organization || !terms.ok || amountCents === null) return { ok: false, errors };
      const contract = await contracts.create(
        {
          organizationId: organization.id,
          dossierId: dossier?.id ?? null,
          supplierId: chosen[0]!.supplierId,
          offerIds: input.offerIds,
          terms: terms.value,
          amountCents,
          underRcti: organization.underRcti,
          contacts: contacts.map((c) => ({ aadObjectId: c!.aadObjectId, displayName: c!.displayName })),
        },
        { aadObjectId: viewer.aadObjectId, name: viewer.name },
      );
      return { ok: true, contract };
    },

    async list(viewer: Viewer): Promise<ContractRecord[]> {
      if (isStaff(viewer)) return contracts.list(null);
      return viewer.organizationId ? contracts.list(viewer.organizationId) : [];
    },

    /** Open deadlines (not done, still applying), soonest first: those that have come or come within a month, or every one (openDeadlineList). */
    async openDeadlines(viewer: Viewer, scope: DeadlineScope = 'soon'): Promise<DeadlineListing> {
      const list = isStaff(viewer) ? await contracts.list(null) : viewer.organizationId ? await contracts.list(viewer.organizationId) : [];
      const all = list.flatMap((contract) => contract.deadlines.map((deadline) => ({ contract, deadline })));
      return { scope, ...openDeadlineList(all, deps.today() as IsoDate, scope) };
    },

    /** R25, R32: an amendment within the cap, or the refusal saying why and how many months remain. */
    async amend(viewer: Viewer, locale: Locale, contract: ContractRecord, input: Record<AmendmentField, string>): Promise<{ ok: true; contract: ContractRecord; due: IsoDate } | Refused<AmendmentField>> {
      const checked = checkAmendment(contract, input, deps.today() as IsoDate);
      if (!checked.ok) return { ok: false, errors: problemsByField<AmendmentField>(locale, checked.problems) };
      const amended = await contracts.amend(contract.id, checked.value, { aadObjectId: viewer.aadObjectId, name: viewer.name });
      return { ok: true, contract: amended, due: transmissionDue(calendar, checked.value.signedOn) };
    },

    /** "Fait": records today's date and who (once). */
    async markDone(viewer: Viewer, deadlineId: string) {
      return contracts.markDone(deadlineId, { aadObjectId: viewer.aadObjectId, name: viewer.name }, deps.today());
    },

    /** R29: the head's signature date of the end evaluation; within a year before the end or later, never in the future. */
    async setHeadSigned(contract: ContractRecord, text: string): Promise<ContractRecord | null> {
      const date = checkDate('headSignedOn', text);
      if (typeof date !== 'string' || date > deps.today() || date < addMonths(endOf(contract), -12)) return null;
      return contracts.setEndEvaluationSigned(contract.id, date);
    },
  };
}

export type ContractUseCases = ReturnType<typeof contractUseCases>;

