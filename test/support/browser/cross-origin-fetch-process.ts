import { runBrowserScript } from './browser-process';
import type { CrossOriginAnswer, CrossOriginFetch } from './cross-origin-fetch';

/** `crossOriginFetch` in a child process (puppeteer-core is an ES module Jest's runtime cannot load). */
export const crossOriginFetchInBrowser = (request: CrossOriginFetch): Promise<CrossOriginAnswer[]> =>
  runBrowserScript<CrossOriginAnswer[]>('cross-origin-fetch.ts', request, 'call the API across origins');
