#!/usr/bin/env node
// Runs the compiled CLI (npm run build writes dist/server).
import '../dist/server/cli/main.js';
