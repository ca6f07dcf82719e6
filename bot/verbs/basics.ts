// Verbs of the welcome and help cards.
import { z } from 'zod';
import { renderCard } from '../../cards/index';
import { helpCardData } from '../../cards/help';
import { welcomeCardData } from '../../cards/welcome';
import type { CourtierBot } from '../courtier-bot';
import { translator } from '../../domain/i18n';
import { defineVerb, invokeResponses } from '../invoke-router';

export function basicVerbs(bot: () => CourtierBot) {
  return [
    defineVerb({
      verb: 'help.show',
      data: z.object({}).loose(),
      handle: async (ctx) => invokeResponses.card(renderCard('help', helpCardData(ctx.locale))),
    }),
    defineVerb({
      verb: 'prefs.setLanguage',
      data: z.object({ locale: z.enum(['fr-CA', 'en-CA']) }).loose(),
      handle: async (ctx, data) => {
        await bot().setLocale(ctx.turn, data.locale);
        // The refreshed welcome card, now in the chosen language, replaces the old one.
        const inTeam = ctx.turn.activity.conversation?.conversationType === 'channel';
        const card = renderCard('welcome', {
          ...welcomeCardData(data.locale, inTeam),
          languageHint: translator(data.locale)('language.set'),
        });
        return invokeResponses.card(card);
      },
    }),
  ];
}
