/** GET /v1/engines/list: the engines your key can use. */
import { createStabilityClient } from 'stability-rest';

const stability = createStabilityClient(); // STABILITY_API_KEY, and STABILITY_BASE_URL if set

const engines = await stability.engines.list();
for (const engine of engines) console.log(`${engine.id}  ${engine.type}  ${engine.name}`);
