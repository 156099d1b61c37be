/** The preview's Content-Security-Policy, in one place. */
import { randomBytes } from 'node:crypto';

export function makeNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

/**
 * default-src 'none'; scripts only with the nonce; images, fonts and styles only
 * from the extension's media folder. Mermaid writes a <style> element inside each
 * SVG it draws and the toolkit adopts constructed style sheets, so styles also
 * allow 'unsafe-inline' (styles cannot run code); nothing else is loosened, and
 * there is no 'unsafe-eval' and no network source.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'unsafe-inline'`, `img-src ${cspSource} data:`, `font-src ${cspSource}`].join(
    '; ',
  );
}
