/**
 * Drives the Microsoft 365 Agents Playground web UI (0.2.28) like a person: the chat list ("Personal Chat"), the
 * message box (a Lexical contenteditable, role=textbox), the "Send Message" button, Adaptive Cards rendered by
 * the adaptivecards renderer (`.ac-adaptiveCard`, actions are buttons named by their title) and the
 * "Mock an Activity → Custom activity" dialog (a Monaco JSON editor) for activities the UI cannot type, such as
 * a message from a client with another locale (the playground stamps every typed message with locale en-US).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

const CARD = '.ac-adaptiveCard';
const WAIT_MS = 15_000;

export interface PlaygroundPage {
  /** Opens the UI (the personal chat is selected first) and waits for the bot's welcome card in the personal chat. */
  open(url: string): Promise<void>;
  /** Types `text` into the message box and sends it. */
  send(text: string): Promise<void>;
  /** Waits for a card whose text contains every one of `texts` (strings: case-insensitive substrings; RegExps:
   * as written); returns the newest such card. */
  waitForCard(...texts: Array<string | RegExp>): Promise<Locator>;
  /** Clicks the action button titled `title` on the newest card that has one. */
  clickAction(title: string | RegExp): Promise<void>;
  /** Sends a message activity through "Mock an Activity → Custom activity", with fields overridden. */
  sendCustomMessage(fields: { text: string; locale: string }): Promise<void>;
  /**
   * The compose box's "Trigger Message Extension App → Search Command", with the command id and parameter name
   * the manifest declares, searching `query`; returns the result list's text once `expect` shows in it.
   */
  searchExtension(commandId: string, parameter: string, query: string, expect: string): Promise<string>;
  /**
   * A message's "… → Action Command" with `commandId` and the playground's static parameter dialog (the manifest's
   * fetchTask: false), submitted; returns what the dialog says afterwards.
   */
  messageAction(messageText: string, commandId: string): Promise<string>;
  /** Number of cards in the conversation. */
  cardCount(): Promise<number>;
  /** Full-page screenshot to `<dir>/<name>.png`; returns the path. */
  screenshot(name: string): Promise<string>;
}

export function playgroundPage(page: Page, screenshotDir: string): PlaygroundPage {
  mkdirSync(screenshotDir, { recursive: true });

  const cardWith = (texts: Array<string | RegExp>): Locator =>
    texts.reduce<Locator>((found, text) => found.filter({ hasText: text }), page.locator(CARD));

  return {
    async open(url) {
      await page.goto(url);
      await page.locator(CARD).first().waitFor({ timeout: WAIT_MS });
    },

    async send(text) {
      const box = page.getByRole('textbox');
      await box.click();
      await page.keyboard.insertText(text);
      await page.getByRole('button', { name: 'Send Message' }).click();
    },

    async waitForCard(...texts) {
      const card = cardWith(texts).last();
      await card.waitFor({ timeout: WAIT_MS });
      return card;
    },

    async clickAction(title) {
      const button = page
        .locator(CARD)
        .getByRole('button', { name: title, exact: typeof title === 'string' })
        .last();
      await button.waitFor({ timeout: WAIT_MS });
      await button.click();
    },

    async sendCustomMessage(fields) {
      await page.getByRole('button', { name: 'Mock an Activity' }).click();
      const template = page.waitForResponse((response) =>
        response.url().includes('/_internal/v1/customActivities/template'),
      );
      await page.getByRole('menuitem', { name: 'Custom activity' }).click();
      const activity = (await (await template).json()) as Record<string, unknown>;
      const { membersAdded: _added, membersRemoved: _removed, ...base } = activity;
      const message = { ...base, type: 'message', textFormat: 'plain', ...fields };
      const dialog = page.getByRole('dialog', { name: 'Custom activity' });
      const editor = dialog.locator('.monaco-editor').first();
      await editor.waitFor({ timeout: WAIT_MS });
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(JSON.stringify(message));
      await dialog.getByRole('button', { name: 'Send activity' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
    },

    async searchExtension(commandId, parameter, query, expect) {
      await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
      await page.getByRole('menuitem', { name: 'Search Command' }).click();
      await page.getByText('Specify Command ID or Parameter').click();
      await page.getByRole('textbox', { name: 'Command ID' }).fill(commandId);
      await page.getByRole('textbox', { name: 'Parameter name' }).fill(parameter);
      await page.getByPlaceholder('Enter a search term').fill(query);
      const results = page
        .locator('div')
        .filter({ has: page.getByPlaceholder('Enter a search term') })
        .filter({ hasText: 'Search-Based Message Extension' })
        .last();
      await results.getByText(expect).first().waitFor({ timeout: WAIT_MS });
      return results.innerText();
    },

    async messageAction(messageText, commandId) {
      // Each message's "…" menu ("Show more information") sits in the message's header; the message's own is the
      // one inside the smallest element holding both the message text and a menu (by position, a card's menu
      // above or below the message is easily taken for it).
      const text = page.getByText(messageText, { exact: true });
      const menu = page.getByRole('button', { name: 'Show more information' });
      const ownMessage = page.locator('div').filter({ has: text }).filter({ has: menu }).last();
      await ownMessage.hover();
      const menus = ownMessage.getByRole('button', { name: 'Show more information' });
      const count = await menus.count();
      if (count !== 1)
        throw new Error(`expected one "…" menu on the message "${messageText}", found ${count}`);
      await menus.click({ force: true });
      await page.getByRole('menuitem', { name: 'Action Command' }).click();
      await page.getByPlaceholder('Input command id or leave blanks').fill(commandId);
      await page.getByRole('radio', { name: /Static list of parameters/ }).check();
      await page.getByRole('button', { name: 'Create' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Submit' }).click();
      await dialog.getByText(/answered/i).waitFor({ timeout: WAIT_MS });
      return dialog.innerText();
    },

    cardCount: () => page.locator(CARD).count(),

    async screenshot(name) {
      const file = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
}
