// Page object for the moderation page (/moderation/): what a moderator sees, by data-testid.
export class ModerationPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  testid(id) {
    return this.page.getByTestId(id);
  }

  async open() {
    await this.page.goto(`${this.baseUrl}/moderation/`);
    await this.testid('avm-main').waitFor();
  }

  /** Types the token and presses Enter (the keyboard way). */
  async signIn(token) {
    await this.testid('avm-token').fill(token);
    await this.testid('avm-token').press('Enter');
  }

  /** The queue's items. */
  items() {
    return this.testid('avm-item');
  }

  /** The item whose text is exactly `text`. */
  item(text) {
    return this.items().filter({ has: this.page.getByTestId('avm-text').getByText(text, { exact: true }) });
  }

  async count(status) {
    return Number((await this.testid(`avm-count-${status}`).locator('strong').innerText()).trim());
  }

  async live() {
    return (await this.testid('avm-live').innerText()).trim();
  }

  /** The sentences of the moderation log, newest first. */
  async log() {
    return (await this.testid('avm-log-text').allInnerTexts()).map((t) => t.trim());
  }

  /** Opens the reply form of `item`, types `text` and sends it (the keyboard way). */
  async reply(item, text) {
    await item.getByTestId('avm-reply').click();
    const field = item.getByTestId('avm-reply-text');
    await field.waitFor();
    await field.pressSequentially(text);
    await item.getByTestId('avm-reply-send').click();
  }

  /** The comment id of the item that has keyboard focus (or contains it). */
  async focusedId() {
    return this.page.evaluate(() => document.activeElement?.closest('[data-comment-id]')?.dataset.commentId ?? null);
  }
}

/** Posts a comment to the sample article through the public API; resolves to the stored comment. */
export async function postComment(baseUrl, { text, name = 'Nguyễn Văn An', parentId = null }) {
  const r = await fetch(`${baseUrl}/api/articles/ky-anh-2022-04-15/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      author_name: name,
      author_email: 'an@example.vn',
      text,
      parent_id: parentId,
      idempotency_key: `mod-${Math.random().toString(36).slice(2, 12)}`,
      website: '',
      elapsed_ms: 5000,
    }),
  });
  if (r.status !== 201) throw new Error(`post: ${r.status}`);
  return r.json();
}
