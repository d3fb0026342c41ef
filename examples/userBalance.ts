/** GET /v1/user/balance: the credits left. */
import { createStabilityClient } from 'stability-rest';

const stability = createStabilityClient();

const { credits } = await stability.user.balance();
console.log(`credits: ${credits}`);
