// Opens the report pages written by ReportPagesTest in headless Chromium and
// checks them: no console error, no network request, the expected sections
// and fixture numbers, no "1 tasks" or "1 points" in the text or tooltips, no
// horizontal overflow at phone width. Writes a
// PNG per page at 1280 and 390 px width, from the top of the page down to
// at most 6,000 px, and prints its path.
//
// Usage: node check_reports.mjs PAGES_DIR OUTPUT_DIR
// CHROMIUM sets the browser binary (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pagesDir, outputDir] = process.argv.slice(2);
if (!pagesDir || !outputDir) {
  console.error('usage: node check_reports.mjs PAGES_DIR OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(outputDir, { recursive: true });

const widths = [1280, 390];
const maxScreenshotHeight = 6000;

// Figures of Sprint 41 in tests/data/clickup. It has 9 tasks with 25.5 points.
// 3 of them (6 points) have a done or closed status, and the other 6 (19.5
// points) are carried over. 1 of the done points is on a task without a
// customer, so 5 points are delivered to customers.
const fixtureTexts = [
  ['headline', '6 of 25.5 committed'],
  ['headline', 'of which 1 point on tasks without a customer'],
  ['headline', '3 of 9'],
  ['headline', '6 tasks, 19.5 points'],
  ['headline', '5 of 147.19 contracted points'],
  ['customer-service-note', 'Tasks without a customer account for 1 point of the points done.'],
  ['throughput-table', 'Each cell: tasks done / all tasks in the sprint at its end'],
  ['status-mix-chart', 'Lyra · In progress: 1 task'],
  ['carry-over-table', 'Write SCD2 merge for dim_customer'],
  ['sprint-tasks', 'Write SCD2 merge for dim_customer'],
  ['sprint-tasks', 'Bruno Vale, Dev Orlov'],
  ['status-mix-chart', 'In progress'],
];

// A count of one followed by a plural unit, such as "1 tasks" or "1 points".
// The look-behind skips larger numbers that end in 1, such as "21" or "1,001".
const singularAsPlural = /(?<![\d.,\u00a0\u202f])1 (tasks|points)\b/;

// Per page: elements that must exist (by data-testid) and texts that must
// appear inside a given element.
const pages = [
  {
    name: 'fixture',
    testIds: ['headline', 'velocity-chart', 'throughput-table', 'status-mix-chart',
      'category-mix-chart', 'customer-service-note', 'customer-service-chart',
      'customer-service-table',
      'carry-over-table', 'sprint-tasks', 'task-table-0'],
    texts: fixtureTexts,
  },
  {
    name: 'empty-sprint',
    testIds: ['sprint-empty', 'velocity-empty', 'status-mix-empty', 'customer-service-empty',
      'customer-change-empty', 'carry-over-empty', 'sprint-tasks-empty'],
    texts: [],
  },
  {
    name: 'single-customer',
    testIds: ['headline', 'status-mix-chart', 'customer-service-table', 'customer-change-empty',
      'task-table-0'],
    texts: [['customer-service-table', 'Customer 1 Marketing Services Ltd']],
  },
  {
    name: '300-customers',
    testIds: ['headline', 'status-mix-chart', 'customer-service-chart', 'customer-change-table',
      'task-table-0', 'task-table-1', 'task-table-2'],
    texts: [['customer-change-table', 'Customer 300 Marketing Services Ltd']],
  },
];


const failures = [];
const fail = (page, width, message) => failures.push(`${page} @${width}px: ${message}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // The sandbox needs user namespaces, which CI containers running as root lack.
  args: ['--no-sandbox'],
});
try {
  for (const spec of pages) {
    const file = join(pagesDir, `${spec.name}.html`);
    if (!existsSync(file)) {
      fail(spec.name, '-', `page ${file} is missing; run ReportPagesTest first`);
      continue;
    }
    const url = pathToFileURL(file).href;
    for (const width of widths) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const requests = new Set();
      // Every request other than the page itself is recorded and aborted, so
      // a page that would load anything fails here instead of reaching out.
      await context.route('**/*', (route) => {
        const requested = route.request().url();
        if (requested === url) return route.continue();
        requests.add(requested);
        return route.abort();
      });
      const page = await context.newPage();
      const errors = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('request', (request) => {
        if (request.url() !== url) requests.add(request.url());
      });

      await page.goto(url, { waitUntil: 'load' });
      for (const error of errors) fail(spec.name, width, `console error: ${error}`);
      for (const request of requests) fail(spec.name, width, `network request: ${request}`);

      for (const id of spec.testIds) {
        if (await page.getByTestId(id).count() !== 1) {
          fail(spec.name, width, `no element with data-testid="${id}"`);
        }
      }
      for (const [id, text] of spec.texts) {
        const content = await page.getByTestId(id).first().textContent().catch(() => '');
        if (!content || !content.includes(text)) {
          fail(spec.name, width, `data-testid="${id}" does not contain "${text}"`);
        }
      }

      // textContent includes the SVG <title> tooltips, which the visible text does not.
      const pageText = await page.evaluate(() => document.documentElement.textContent);
      const plural = pageText.match(singularAsPlural);
      if (plural) fail(spec.name, width, `"${plural[0]}" should use the singular unit`);

      const overflow = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        scrollHeight: document.documentElement.scrollHeight,
        clientWidth: document.documentElement.clientWidth,
      }));
      if (overflow.scrollWidth > overflow.clientWidth) {
        fail(spec.name, width,
          `page scrolls sideways: scrollWidth ${overflow.scrollWidth} > ${overflow.clientWidth}`);
      }

      // A capped height keeps the 300-customer page's screenshot (over 100,000
      // px tall in full) quick to take and to open.
      const screenshot = join(outputDir, `${spec.name}-${width}.png`);
      const height = Math.min(overflow.scrollHeight, maxScreenshotHeight);
      await page.screenshot({
        path: screenshot, fullPage: true, clip: { x: 0, y: 0, width, height },
      });
      console.log(`screenshot: ${screenshot}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
}

if (failures.length > 0) {
  for (const failure of failures) console.error(`FAIL ${failure}`);
  process.exit(1);
}
console.log(`ok: ${pages.length} pages at ${widths.join(' and ')} px`);
