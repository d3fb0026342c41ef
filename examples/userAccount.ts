/** GET /v1/user/account: who the key belongs to. */
import { createStabilityClient } from 'stability-rest';

const stability = createStabilityClient();

const account = await stability.user.account();
console.log(`${account.email} (${account.id}), ${account.organizations.length} organization(s)`);
