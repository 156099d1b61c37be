/** Microsoft's network driver documentation: every rule links to one of these pages. */
export const DOCS_PREFIX = 'https://learn.microsoft.com/windows-hardware/drivers/network/';

export function docsUrl(page: string): string {
  return DOCS_PREFIX + page;
}
