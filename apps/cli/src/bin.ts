#!/usr/bin/env node
import { prestartFromArgv } from './prestart.js';

const argv = process.argv.slice(2);
// Workers first (they load the handlers while this thread loads the rest of the CLI), then the CLI.
await prestartFromArgv(argv);
const { main } = await import('./main.js');
process.exitCode = await main(argv);
const { discardPrestartedWorkers } = await import('@medimagecleaner/core/prestart');
await discardPrestartedWorkers();
