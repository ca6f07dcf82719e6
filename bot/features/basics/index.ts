// The conversation's basics: `aide`/`help`, `langue fr|en`, anything not understood, and
// the verbs of the welcome and help cards (help.show, prefs.setLanguage).
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderCard } from '../../../cards/index';
import { helpCardData } from '../../../cards/help';
import { welcomeCardData } from '../../../cards/welcome';
import { LOCALES, translator, type Locale } from '../../../domain/i18n';
import { defineVerb, invokeResponses } from '../../invoke-router';
import { sendCard, sendText } from '../../turn';
import type { Feature } from '../types';

export interface LanguagePrefs {
  setLocale(ctx: TurnContext, locale: Locale): Promise<void>;
  /** Broker staff see their own commands in the help card. */
  isStaff?(ctx: TurnContext): Promise<boolean>;
}

const inTeam = (ctx: TurnContext) => ctx.activity.conversation?.conversationType === 'channel';

export function createBasicsFeature(prefs: LanguagePrefs): Feature {
  return {
    commands: {
      async help(turn) {
        await sendCard(turn, renderCard('help', helpCardData(turn.locale, '', (await prefs.isStaff?.(turn.ctx)) ?? false)));
      },
      async language(turn, command) {
        if (!command.locale) return sendCard(turn, renderCard('welcome', welcomeCardData(turn.locale, false)));
        await prefs.setLocale(turn.ctx, command.locale);
        await sendText(turn, translator(command.locale)('language.set'));
      },
      async unknown(turn, command) {
        const lead = command.text ? turn.t('unknown.text', { text: (command.text.length > 200 ? `${command.text.slice(0, 200)}…` : command.text) }) : turn.t('unknown.empty');
        await sendCard(turn, renderCard('help', helpCardData(turn.locale, lead)));
      },
    },
    verbs: [
      defineVerb({
        verb: 'help.show',
        data: z.object({}).loose(),
        handle: async (turn) => invokeResponses.card(renderCard('help', helpCardData(turn.locale))),
      }),
      defineVerb({
        verb: 'prefs.setLanguage',
        data: z.object({ locale: z.enum(LOCALES as [Locale, ...Locale[]]) }).loose(),
        handle: async (turn, data) => {
          await prefs.setLocale(turn.ctx, data.locale);
          // The refreshed welcome card, now in the chosen language, replaces the old one.
          const card = renderCard('welcome', { ...welcomeCardData(data.locale, inTeam(turn.ctx)), languageHint: translator(data.locale)('language.set') });
          return invokeResponses.card(card);
        },
      }),
    ],
  };
}

/** The welcome card of a conversation, in a team channel with the hint to mention the bot. */
export function welcomeCard(ctx: TurnContext, locale: Locale) {
  return renderCard('welcome', welcomeCardData(locale, inTeam(ctx)));
}
