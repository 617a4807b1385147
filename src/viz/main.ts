/**
 * Browser entry. The teaching demo (Sigma.js view, presets, controls) is
 * built on top of this; for now it runs the model zoo in the page to show
 * that the same seeded code runs in the browser.
 */
import { modelZoo, runZooModel, fingerprint } from '../index.js';

const app = document.querySelector<HTMLElement>('#app');
if (app) {
  const rows = Object.keys(modelZoo).map((id) => {
    const run = runZooModel(id, { key: `browser/${id}` });
    return `<tr><td>${id}</td><td>${run.result.steps}</td><td>${run.result.converged ? 'yes' : 'no'}</td><td><code>${fingerprint(run.entry.nodeValues(run.state))}</code></td></tr>`;
  });
  app.innerHTML = `<h1>echolab</h1><p>The classic model zoo, run in this page from the same seeded code as the command line.</p>
<table><thead><tr><th>model</th><th>steps</th><th>converged</th><th>state fingerprint</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
