// A complete file's summary: needs, notices, compliant and excluded offers (R2, R6, R7, R13, R32, R34, R36).
import { translator, langOf, type Locale } from '../domain/i18n';
import { categoryName, HOSTING_CLASS_NAMES } from '../domain/catalogue';
import { formatIsoDate, formatList } from '../domain/catalogue-format';
import { formatMoney } from '../domain/money';
import { reasonText, type Evaluation } from '../domain/compliance';
import type { FlagName, NeedsFlags } from '../domain/flags';
import type { Needs } from '../domain/needs';
import type { Dossier } from '../domain/dossier';
import { NEEDS_STEPS, type NeedsStep } from '../domain/needs-steps';
import { typography, markdownLiteral, plural, languageKeys, sensitivityKeys, variabilityKeys, stepLabelKeys, dossierTitle, dossierStateText, formatDateTime, type DossierView } from './text';
import { numberFormat } from '../domain/intl';
import { earliestSignature } from '../domain/kickoff';

/**
 * The notices that stop the file until something is done: an EFVP before the contract (R6),
 * a need no offer covers (R34). The others (R2, R32, R36) inform.
 */
const BLOCKING_FLAGS: ReadonlySet<FlagName> = new Set(['efvpRequired', 'noOfferCoversCategory']);

/** An answer as read on the summary. */
function answerText(locale: Locale, step: NeedsStep, needs: Needs): string {
  const t = translator(locale);
  const lang = langOf(locale);
  switch (step) {
    case 'category':
      return categoryName(needs.category, locale);
    case 'dataSensitivity':
      return t(sensitivityKeys[needs.dataSensitivity]);
    case 'personalInformation':
      return t(needs.personalInformation ? 'needs.yes' : 'needs.no');
    case 'hosting':
      return formatList(needs.acceptedHostingClasses.map((c) => HOSTING_CLASS_NAMES[c][lang]), locale);
    case 'trainingLanguage':
      return t(languageKeys[needs.trainingLanguage]);
    case 'duration':
      return plural(locale, t, { one: 'offer.months.one', other: 'offer.months.other' }, needs.durationMonths);
    case 'quantities':
      return needs.yearlyQuantities.map((q, i) => t('needs.quantityShort', { year: i + 1, quantity: numberFormat(locale).format(q) })).join(' · ');
    case 'variability':
      return t(variabilityKeys[needs.variability]);
    case 'budget':
      return needs.budgetCents === undefined ? t('needs.none') : formatMoney(needs.budgetCents, locale);
    case 'startDate':
      return formatIsoDate(needs.targetStartDate, locale);
    case 'requirements':
      return needs.requirements.length ? needs.requirements.map(markdownLiteral).join(' · ') : t('needs.none');
    case 'replacedContract':
      return needs.replacedContract === undefined ? t('needs.none') : markdownLiteral(needs.replacedContract);
    case 'professionalServices':
      return t(needs.needsProfessionalServices ? 'needs.yes' : 'needs.no');
  }
}

export interface DossierSummaryCardData {
  title: string;
  subtitle: string;
  state: string;
  message: string;
  error: string;
  dossierId: string;
  needsTitle: string;
  needs: Array<{ label: string; value: string; step: NeedsStep; editLabel: string }>;
  flagsTitle: string;
  /** Blockers stand out in the alarm colour; informational notices (e.g. the 36-month cap) do not. */
  flags: Array<{ text: string; color: 'Attention' | 'Default'; weight: 'Bolder' | 'Default' }>;
  unmet: boolean;
  unmetLabel: string;
  pricesAsOf: string;
  compliantTitle: string;
  noCompliant: string;
  compliant: Array<{ offerId: string; name: string; supplier: string; notes: string; excludeLabel: string; reasonInputId: string; reasonLabel: string; excludeConfirm: string }>;
  excludedTitle: string;
  excluded: Array<{ name: string; supplier: string; reasons: Array<{ text: string }> }>;
  choice: string;
  confidential: string;
  scenariosLabel: string;
  choiceLabel: string;
  /** '' hides the download button (no record links yet). */
  exportLabel: string;
  /** R16: ready for the kickoff, the request opens from here ('' hides it). */
  kickoffLabel: string;
}

export interface DossierSummaryInput {
  dossier: DossierView & Pick<Dossier, 'choice'>;
  needs: Needs;
  priceVersion: { id: string; effectiveDate: string } | null;
  flags: NeedsFlags;
  evaluation: Pick<Evaluation, 'compliant' | 'excluded'>;
  chosenName?: string;
  message?: string;
  error?: string;
  exportAvailable?: boolean;
  /** R16: the kickoff requested or scheduled on the file, when one holds it. */
  kickoff?: { state: 'requested' | 'scheduled' | 'withdrawn'; requestDay: string; requestedByName: string; startsAt: Date | null; signed: boolean };
}

/** A complete file: its needs (each editable), the notices, compliant and excluded offers (R2, R6, R7, R13, R32, R34, R36). */
export function dossierSummaryCardData(locale: Locale, input: DossierSummaryInput): DossierSummaryCardData {
  const t = translator(locale);
  const lang = langOf(locale);
  const { dossier, needs, flags, evaluation } = input;
  return {
    title: dossierTitle(locale, dossier),
    subtitle: t('dossier.summary.subtitle', { organization: markdownLiteral(dossier.organizationName) }),
    // Where the file stands: its kickoff when one holds it; ready for it: what happens next, not a dead end.
    state: input.kickoff ? kickoffLine(locale, input.kickoff) : dossier.state === 'ready_for_kickoff' ? t('choice.ready') : dossierStateText(locale, dossier.state),
    message: input.message ?? '',
    error: input.error ?? '',
    dossierId: dossier.id,
    needsTitle: t('dossier.needsTitle'),
    needs: NEEDS_STEPS.map((step) => ({ label: t(stepLabelKeys[step]), value: answerText(locale, step, needs), step, editLabel: t('dossier.edit') })),
    flagsTitle: t('dossier.flagsTitle'),
    // Notices quote what was typed (the replaced contract, wanted components): literal too.
    flags: flags.notices.map((n) => {
      const blocker = BLOCKING_FLAGS.has(n.flag);
      return { text: typography(markdownLiteral(n[lang]), locale), color: blocker ? 'Attention' : 'Default', weight: blocker ? 'Bolder' : 'Default' };
    }),
    unmet: flags.noOfferCoversCategory,
    unmetLabel: t('needs.unmet.label'),
    pricesAsOf: input.priceVersion ? t('dossier.pricesAsOf', { date: formatIsoDate(input.priceVersion.effectiveDate, locale) }) : t('catalogue.noPrices'),
    compliantTitle: t('dossier.compliantTitle', { count: evaluation.compliant.length }),
    noCompliant: t('dossier.noCompliant'),
    compliant: evaluation.compliant.map((e) => ({
      offerId: e.offerId,
      name: e.offerName,
      supplier: e.supplierName,
      notes: [e.efvpRequired ? t('dossier.efvp') : '', e.missingComponents.length ? t('dossier.missing', { components: e.missingComponents.join(', ') }) : ''].filter(Boolean).join(' '),
      excludeLabel: t('dossier.exclude'),
      reasonInputId: `reason-${e.offerId}`,
      reasonLabel: t('dossier.excludeReason'),
      excludeConfirm: t('dossier.excludeConfirm'),
    })),
    excludedTitle: t('dossier.excludedTitle', { count: evaluation.excluded.length }),
    excluded: evaluation.excluded.map((e) => ({ name: e.offerName, supplier: e.supplierName, reasons: e.reasons.map((r) => ({ text: typography(reasonText(r.code === 'excluded_by_client' ? { ...r, reason: markdownLiteral(r.reason) } : r, locale), locale) })) })),
    choice: dossier.choice && input.chosenName ? t('dossier.choiceLine', { offer: input.chosenName, total: formatMoney(dossier.choice.totalCents, locale) }) : '',
    confidential: t('catalogue.confidential'),
    scenariosLabel: t('dossier.scenarios'),
    choiceLabel: t('dossier.viewChoice'),
    exportLabel: input.exportAvailable ? t('dossier.export') : '',
    kickoffLabel: input.kickoff ? t('dossier.kickoff.open') : dossier.state === 'ready_for_kickoff' ? t('kickoff.requestLabel') : '',
  };
}

/** R16, R19: the file's kickoff in one line: requested (by whom, the earliest signature), scheduled, or signed. */
function kickoffLine(locale: Locale, k: NonNullable<DossierSummaryInput['kickoff']>): string {
  const t = translator(locale);
  if (k.signed) return t('dossier.kickoff.signed');
  const earliest = formatIsoDate(earliestSignature(k.requestDay), locale);
  if (k.startsAt) return t('dossier.kickoff.scheduled', { when: formatDateTime(k.startsAt, locale), earliest });
  return t('dossier.kickoff.requested', { date: formatIsoDate(k.requestDay, locale), name: markdownLiteral(k.requestedByName), earliest });
}
