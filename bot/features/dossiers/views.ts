// An acquisition file's outcomes as cards.
import { renderCard, type AdaptiveCard } from '../../../cards/index';
import { changeWarningCardData } from '../../../cards/change-warning';
import { choiceCardData, type AuthorizationField, type AuthorizationForm } from '../../../cards/choice';
import { dossierListCardData } from '../../../cards/dossier-list';
import { dossierSummaryCardData } from '../../../cards/dossier-summary';
import { needsResumeCardData } from '../../../cards/needs-resume';
import { needsStartCardData } from '../../../cards/needs-start';
import { needsStepCardData } from '../../../cards/needs-step';
import { noticeCardData } from '../../../cards/notice';
import { recordLinkCardData } from '../../../cards/record-link';
import { scenariosCardData } from '../../../cards/scenarios';
import type { Dossier } from '../../../domain/dossier';
import type { Locale, Translate } from '../../../domain/i18n';
import type { NeedsStep, StepError } from '../../../domain/needs-steps';
import type { ChoiceCheck } from '../../../domain/ranking';
import type { Compared } from './use-cases';
import { formatDateTime, markdownLiteral } from '../../../cards/text';
import { formatIsoDate } from '../../../domain/catalogue-format';
import { LAST_STEP, type Kickoff } from '../../../domain/kickoff';

/** R16, R17: why the file no longer changes, naming its kickoff, and the way forward. */
export function heldText(t: Translate, locale: Locale, kickoff: Kickoff): string {
  return kickoff.meeting
    ? t('dossier.kickoffHoldsScheduled', { when: formatDateTime(kickoff.meeting.startsAt, locale) })
    : t('dossier.kickoffHolds', { date: formatIsoDate(kickoff.requestDay, locale), name: markdownLiteral(kickoff.requestedByName) });
}

export interface Extra {
  message?: string;
  error?: string;
  notice?: string;
}

/** A question of the needs analysis; refused, with what was typed and each error beside its input. */
export interface StepExtra {
  notice?: string;
  errors?: readonly StepError[];
  typed?: Readonly<Record<string, unknown>>;
  hint?: string;
}

export const stepCard = (locale: Locale, dossier: Dossier, step: NeedsStep, extra: StepExtra = {}): AdaptiveCard =>
  renderCard('needs-step', needsStepCardData(locale, { dossier, step, ...extra }));

/** The choice card's extras: a message, a conflict, or a refused authorization form shown again as typed. */
export interface ChoiceExtra extends Pick<Extra, 'message' | 'error'> {
  typed?: AuthorizationForm;
  fieldErrors?: Partial<Record<AuthorizationField, string>>;
}

/** A complete file: its needs, notices, compliant and excluded offers, and its choice. */
export function summaryCard(locale: Locale, dossier: Dossier, { needs, comparison, kickoff }: Compared, exportAvailable: boolean, extra: Pick<Extra, 'message' | 'error'> = {}): AdaptiveCard {
  const choice = dossier.choice;
  const chosenName = choice ? (comparison.scenarios.find((s) => s.id === choice.scenarioId)?.offerName ?? choice.scenarioId) : undefined;
  return renderCard(
    'dossier-summary',
    dossierSummaryCardData(locale, {
      dossier,
      needs,
      priceVersion: comparison.priceVersion,
      flags: comparison.flags,
      evaluation: comparison.evaluation,
      ...(chosenName !== undefined ? { chosenName } : {}),
      ...(kickoff ? { kickoff: { state: kickoff.state, requestDay: kickoff.requestDay, requestedByName: kickoff.requestedByName, startsAt: kickoff.meeting?.startsAt ?? null, signed: kickoff.steps.some((st) => st.step === LAST_STEP) } } : {}),
      ...extra,
      exportAvailable,
    }),
  );
}

export const scenariosCard = (locale: Locale, dossier: Dossier, { needs, comparison }: Compared): AdaptiveCard =>
  renderCard('scenarios', scenariosCardData(locale, { dossier, priceVersion: comparison.priceVersion, scenarios: comparison.scenarios, durationMonths: needs.durationMonths }));

export const choiceCard = (locale: Locale, dossier: Dossier, check: ChoiceCheck, extra: ChoiceExtra = {}): AdaptiveCard =>
  renderCard('choice', choiceCardData(locale, { dossier, check, ...extra }));

/** `besoins` with no draft: asks before creating a file. */
export const startCard = (locale: Locale): AdaptiveCard => renderCard('needs-start', needsStartCardData(locale));

export const resumeCard = (locale: Locale, draft: Dossier): AdaptiveCard => renderCard('needs-resume', needsResumeCardData(locale, draft));

export const listCard = (locale: Locale, dossiers: readonly Dossier[], staff: boolean): AdaptiveCard => renderCard('dossier-list', dossierListCardData(locale, dossiers, staff));

export const noticeCard = (title: string, text: string): AdaptiveCard => renderCard('notice', noticeCardData(title, text));

export const recordLinkCard = (locale: Locale, dossier: Dossier, url: string): AdaptiveCard =>
  renderCard('record-link', recordLinkCardData(locale, { dossierId: dossier.id, title: dossier.title, url }));

/** Staff have no organization of their own, so no file to start. */
export const noOrganizationCard = (t: Translate): AdaptiveCard =>
  renderCard('notice', noticeCardData(t('needs.title', { title: '' }).trim(), t('needs.noOrganization'), 'error'));

/** Before a change of the needs that resets the choice (R14, R31). */
export const changeWarningCard = (locale: Locale, dossier: Dossier, step: NeedsStep, chosenName: string): AdaptiveCard =>
  renderCard('change-warning', changeWarningCardData(locale, { dossier, step, chosenName }));
