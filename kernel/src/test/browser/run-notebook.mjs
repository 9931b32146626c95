// Opens a notebook in a running Jupyter Notebook server with headless Chromium, runs all cells the way
// a student does (menu Cell > Run All, or Run > Run All Cells in Notebook 7), waits for the rendered
// chart image and table, fails on any error output, and saves a full-page screenshot.
//
// usage: node run-notebook.mjs BASE_URL TOKEN NOTEBOOK SCREENSHOT USER_DATA_DIR
// exit 0 = all found; 1 = something missing (the message says what); 2 = usage.
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const [baseUrl, token, notebook, screenshot, userDataDir] = process.argv.slice(2);
if (!userDataDir) {
  console.error('usage: node run-notebook.mjs BASE_URL TOKEN NOTEBOOK SCREENSHOT USER_DATA_DIR');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT = 120_000;

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: 1100, height: 2600 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
});
let page;
try {
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', e => console.log(`page error: ${e.message}`));
  const url = `${baseUrl}/notebooks/${encodeURIComponent(notebook)}?token=${encodeURIComponent(token)}`;
  console.log(`opening ${baseUrl}/notebooks/${notebook}`);
  const opened = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: STEP_TIMEOUT });

  // Run All only once the kernel has answered and is idle, as a student waits for the kernel indicator:
  // a connected websocket alone does not mean the kernel answers (see jgrad.kernel.launch.StartupGuard).
  const classic = await page.waitForFunction(
    () => (window.Jupyter?.notebook?.kernel?.is_connected?.()
           && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') && 'classic')
      || (window.jupyterapp && 'lab'),
    null, { timeout: STEP_TIMEOUT }).then(h => h.jsonValue()) === 'classic';
  if (!classic) {
    await page.waitForFunction(() => window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle',
      null, { timeout: STEP_TIMEOUT });
  }
  const kernelReadySeconds = (Date.now() - opened) / 1000;
  console.log(`notebook UI: ${classic ? 'classic (Notebook 6)' : 'Notebook 7'}, kernel connected and idle ${kernelReadySeconds} s after opening`);

  if (classic) {
    await page.click('#celllink');
    await page.click('#run_all_cells');
  } else {
    await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
  }
  console.log('running all cells');

  const found = {};
  const want = {
    chart: 'img[src^="data:image/png"]',
    table: '.jgrad-table table',
    graph: 'svg text',
    progress: '.jgrad-progress progress[value="30"]',
  };
  for (const [name, selector] of Object.entries(want)) {
    await page.waitForSelector(selector, { state: 'attached', timeout: STEP_TIMEOUT });
    found[name] = true;
    console.log(`found ${name}: ${selector}`);
  }
  // The last cell prints a line: when it is there every cell has run.
  await page.waitForFunction(() => document.body.innerText.includes('a.grad = '), null, { timeout: STEP_TIMEOUT });

  // Kernel > Interrupt on an endless loop, as a student does: the cell ends with "Interrupted" on it and
  // the next cell runs with the state kept (classic Notebook only: Notebook 7 is driven by commands).
  let interrupt = null;
  if (classic) {
    const run = async (code) => page.evaluate((code) => {
      const nb = window.Jupyter.notebook;
      const cell = nb.insert_cell_at_bottom('code');
      cell.set_text(code);
      cell.execute();
      return nb.ncells() - 1;
    }, code);
    const outputOf = (index) => page.evaluate((i) => window.Jupyter.notebook.get_cell(i).output_area.element[0].innerText, index);
    const kept = await run('int jgradKept = 41;');
    await page.waitForFunction((i) => window.Jupyter.notebook.get_cell(i).input_prompt_number > 0, kept, { timeout: STEP_TIMEOUT });
    const loop = await run('long spins = 0;\nwhile (true) { spins++; }');
    await page.waitForTimeout(1500);
    const t0 = Date.now();
    await page.click('#kernellink');
    await page.click('#int_kernel');
    await page.waitForFunction((i) => window.Jupyter.notebook.get_cell(i).output_area.element[0].innerText.includes('Interrupted'),
      loop, { timeout: 10_000 });
    const interruptSeconds = (Date.now() - t0) / 1000;
    const after = await run('System.out.println("kept " + (jgradKept + 1));');
    await page.waitForFunction((i) => window.Jupyter.notebook.get_cell(i).output_area.element[0].innerText.includes('kept 42'),
      after, { timeout: 30_000 });
    interrupt = { seconds: interruptSeconds, error: (await outputOf(loop)).slice(0, 200), next: await outputOf(after) };
    console.log(`interrupted the endless loop in ${interruptSeconds} s; the next cell printed: ${interrupt.next.trim()}`);
    await page.locator('.output_error').last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-interrupt.png'), fullPage: false });
  }

  const chart = await page.$eval(want.chart, img => ({ width: img.naturalWidth, height: img.naturalHeight }));
  const table = await page.$eval(want.table, t => ({ rows: t.querySelectorAll('tbody tr').length, header: t.querySelector('thead').innerText }));
  const errors = await page.$$eval('.output_error, [data-mime-type="application/vnd.jupyter.error"], [data-mime-type="application/vnd.jupyter.stderr"]',
    els => els.map(e => e.innerText.slice(0, 500)).filter(t => !t.startsWith('Interrupted:')));
  await page.locator(want.chart).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot, fullPage: true });
  const report = { kernelReadySeconds, chart, table, errors, interrupt, screenshot };
  writeFileSync(screenshot.replace(/\.png$/, '.json'), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report));

  if (chart.width === 0) throw new Error('the chart image did not load');
  if (table.rows === 0) throw new Error('the table has no rows');
  if (errors.length > 0) throw new Error(`error output in the notebook:\n${errors.join('\n')}`);
  console.log('OK');
} catch (e) {
  console.error(`FAILED: ${e.message}`);
  if (page) await page.screenshot({ path: screenshot.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await context.close();
}
