import { runBrowserScript } from './browser-process';
import type { ConsoleView, ReadConsoleRequest } from './console-browser';

/** `readConsole` in a child process (puppeteer-core is an ES module Jest's runtime cannot load). */
export const readConsoleInBrowser = (request: ReadConsoleRequest): Promise<ConsoleView[]> =>
  runBrowserScript<ConsoleView[]>('console-browser.ts', request, 'read the console');
