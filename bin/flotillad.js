#!/usr/bin/env node
// Runs the compiled daemon (npm install builds dist/ through the prepare script).
import { main } from '../dist/src/daemon/main.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => { console.error(err); process.exitCode = 1; });
