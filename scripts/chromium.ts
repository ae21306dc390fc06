/**
 * Debian's Chromium as the project launches it everywhere (card gallery, renderer tests, end-to-end tests): the
 * system binary through playwright-core — never a downloaded browser — with the flags that keep it off the network.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
