#!/usr/bin/env -S node --max-semi-space-size=1
// Runs the compiled daemon (npm install builds dist/ through the prepare
// script). A small young generation keeps idle RSS down; a daemon allocates
// little per second, so the extra minor GCs cost next to nothing.
import { main } from '../dist/src/daemon/main.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => { console.error(err); process.exitCode = 1; });
