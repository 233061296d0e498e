#!/usr/bin/env node
// The `sitrep` command as Node starts it from its source (see snapshot.ts for the faster start).
import { runInThisProcess } from './process.js';

process.exitCode = await runInThisProcess(process.argv.slice(2));
