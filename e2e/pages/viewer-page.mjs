// Page object for the standalone viewer: what a reader sees, by data-testid.
export class ViewerPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  /** Opens the viewer with the given query string (without `?`). */
  async open(query = '', prefix = '') {
    await this.page.goto(`${this.baseUrl}${prefix}/${query ? `?${query}` : ''}`);
  }

  testid(id) {
    return this.page.getByTestId(id);
  }

  /** Waits until the article or an error panel is shown; returns which. */
  async settled() {
    const article = this.testid('av-article');
    const error = this.testid('av-error');
    await article.or(error).first().waitFor({ timeout: 20000 });
    return (await article.count()) > 0 ? 'article' : 'error';
  }

  async text(id) {
    return (await this.testid(id).innerText()).trim();
  }

  async errorKind() {
    return this.testid('av-error').getAttribute('data-error-kind');
  }

  async retry() {
    await this.testid('av-retry').click();
  }
}

/** The reader controls of one viewer (toolbar, text size, display panel). */
export class ControlsPage {
  /** @param {import('playwright-core').Locator} root a viewer root (`[data-testid=av-viewer]`) */
  constructor(root) {
    this.root = root;
  }

  button(id) {
    return this.root.getByTestId(id);
  }

  async sizeValue() {
    return (await this.root.getByTestId('av-size-value').innerText()).replace(/\D+/g, '');
  }

  /** Computed font size (px) of the first body paragraph. */
  async paragraphPx() {
    return this.root.getByTestId('av-body').locator('p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  }

  /** On a narrow screen, opens the tools behind "Aa" (text size, Display, Listen, copy, share). */
  async showTools() {
    await showTools(this.root);
  }

  async openDisplay() {
    await this.showTools();
    const toggle = this.root.getByTestId('av-display-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }

  async theme() {
    return this.root.getAttribute('data-theme');
  }
}

/** The comments widget of one viewer. */
export class CommentsPage {
  /** @param {import('playwright-core').Locator} root a viewer root */
  constructor(page, root) {
    this.page = page;
    this.root = root;
    this.section = root.getByTestId('av-comments');
  }

  async scrollTo() {
    await this.section.scrollIntoViewIfNeeded();
  }

  async fill({ name = 'Nguyễn Văn An', email = 'an@example.vn', text }) {
    await this.section.getByTestId('av-c-name').fill(name);
    await this.section.getByTestId('av-c-email').fill(email);
    await this.section.getByTestId('av-c-text').fill(text);
  }

  async submit() {
    await this.section.getByTestId('av-c-submit').click();
  }

  status(kind) {
    return this.section.getByTestId(kind);
  }

  comments() {
    return this.section.getByTestId('av-comment');
  }

  async title() {
    return (await this.section.getByTestId('av-comments-title').innerText()).trim();
  }
}

/**
 * On a narrow screen the toolbar is "Email | In | Aa": opens the tools behind "Aa" when that button
 * is shown and closed (nothing to do on a wide screen, where they are in the row).
 * @param {import('playwright-core').Page | import('playwright-core').Locator} where
 */
export async function showTools(where) {
  const aa = where.getByTestId('av-aa').first();
  await aa.waitFor({ state: 'attached' });
  if ((await aa.isVisible()) && (await aa.getAttribute('aria-expanded')) !== 'true') await aa.click();
}
