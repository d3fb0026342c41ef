/**
 * Entry of the smoke for runtimes with a command line (Node, Bun, Deno): imports the installed package by
 * name, as a user would, runs the smoke against the URL given as the first argument, prints JSON.
 */
import * as stabilityRest from 'stability-rest';
import { smoke } from './smoke.js';

const baseUrl = (globalThis.Deno?.args ?? globalThis.process.argv.slice(2))[0];
console.log(JSON.stringify(await smoke(stabilityRest, baseUrl)));
