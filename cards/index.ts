// The card registry: every card is its JSON template (cards/<name>.json) beside its typed
// data model and builder (cards/<name>.ts). This file only ties each name to its model,
// so that a template is always expanded with the data it was written for.
import type { Attachment } from 'botbuilder';
import { asAttachment, expandCard, type AdaptiveCard } from './render';
import type { HelpCardData } from './help';
import type { WelcomeCardData } from './welcome';
import type { NoticeCardData } from './notice';
import type { AccessRequestCardData } from './access-request';
import type { AccessReviewCardData } from './access-review';
import type { CatalogueCategoriesCardData } from './catalogue-categories';
import type { OfferListCardData } from './offer-list';
import type { OfferCardData } from './offer';
import type { OfferWithdrawalCardData } from './offer-withdrawal';
import type { NeedsStepCardData } from './needs-step';
import type { NeedsResumeCardData } from './needs-resume';
import type { NeedsStartCardData } from './needs-start';
import type { DossierListCardData } from './dossier-list';
import type { DossierSummaryCardData } from './dossier-summary';
import type { ScenariosCardData } from './scenarios';
import type { ChoiceCardData } from './choice';
import type { RecordLinkCardData } from './record-link';
import type { ChangeWarningCardData } from './change-warning';
import type { StaffRequestsCardData } from './staff-requests';
import type { ContractFormCardData } from './contract-form';
import type { ContractAmendmentCardData } from './contract-amendment';
import type { ContractListCardData } from './contract-list';
import type { ContractReminderCardData } from './contract-reminder';
import type { DeadlineListCardData } from './deadline-list';
import type { KickoffRequestCardData } from './kickoff-request';
import type { KickoffCardData } from './kickoff';
import type { AnnouncementCardData } from './announcement';
import type { RerankNoticeCardData } from './rerank-notice';

export type { AdaptiveCard } from './render';

/** Every template with its data model; tests expand each one with sample data. */
export interface CardModels {
  help: HelpCardData;
  welcome: WelcomeCardData;
  notice: NoticeCardData;
  'access-request': AccessRequestCardData;
  'access-review': AccessReviewCardData;
  'catalogue-categories': CatalogueCategoriesCardData;
  'offer-list': OfferListCardData;
  offer: OfferCardData;
  'offer-withdrawal': OfferWithdrawalCardData;
  'needs-step': NeedsStepCardData;
  'needs-resume': NeedsResumeCardData;
  'needs-start': NeedsStartCardData;
  'dossier-list': DossierListCardData;
  'dossier-summary': DossierSummaryCardData;
  scenarios: ScenariosCardData;
  choice: ChoiceCardData;
  'record-link': RecordLinkCardData;
  'change-warning': ChangeWarningCardData;
  'staff-requests': StaffRequestsCardData;
  'contract-form': ContractFormCardData;
  'contract-amendment': ContractAmendmentCardData;
  'contract-list': ContractListCardData;
  'contract-reminder': ContractReminderCardData;
  'deadline-list': DeadlineListCardData;
  'kickoff-request': KickoffRequestCardData;
  kickoff: KickoffCardData;
  announcement: AnnouncementCardData;
  'rerank-notice': RerankNoticeCardData;
}
export type CardName = keyof CardModels;

export function renderCard<N extends CardName>(name: N, data: CardModels[N]): AdaptiveCard {
  return expandCard(name, data);
}

export function cardAttachment<N extends CardName>(name: N, data: CardModels[N]): Attachment {
  return asAttachment(renderCard(name, data));
}
