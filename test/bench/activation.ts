/** Reports the extension's activation time (activate() until the language client is ready) measured by the last `npm run test:e2e`. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const file = path.join(__dirname, '..', '..', 'e2e', 'activation.json'); // out/e2e/activation.json
if (fs.existsSync(file)) {
  const a = JSON.parse(fs.readFileSync(file, 'utf8')) as { activationMs: number; vscode: string; at: string };
  process.stdout.write(`\nExtension activation (activate() → language client ready) in VS Code ${a.vscode} (code-server, npm run test:e2e at ${a.at}): ${a.activationMs} ms\n`);
} else {
  process.stdout.write('\nExtension activation: not measured (out/e2e/activation.json is written by npm run test:e2e)\n');
}
