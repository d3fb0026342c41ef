import type { OperationId, OperationTypes, operations } from '../generated/operations.js';
import type { StabilityMethods } from './methods.js';

/**
 * Named types for the methods users call most, kept from the hand-written client. Each is looked up by
 * the method's public name (group and name), so a revision of the spec without that operation makes it
 * `never` instead of breaking the build.
 */

/** The operationId behind `client[Group][Name]`, or `never`. */
export type OperationAt<Group extends string, Name extends string> = {
  [Op in OperationId]: (typeof operations)[Op] extends { group: Group; name: Name } ? Op : never;
}[OperationId];

/** The request body of `client[Group][Name]` (a union of the spec's variants), or `never`. */
export type BodyOf<Group extends string, Name extends string> = OperationTypes[OperationAt<Group, Name>]['body'];

/** The JSON data `client[Group][Name]` returns (without `response` and `attempts`), or `never`. */
export type DataOf<Group extends string, Name extends string> = OperationTypes[OperationAt<Group, Name>]['data'];

/** The methods of one group, or `never`. */
export type GroupOf<Group extends string> = Group extends keyof StabilityMethods ? StabilityMethods[Group] : never;

/** Text-to-image request body (JSON). */
export type TextToImageBody = BodyOf<'generation', 'textToImage'>;
/** Image-to-image request body (multipart), with `image_strength` or `step_schedule_*`. */
export type ImageToImageBody = BodyOf<'generation', 'imageToImage'>;
/** Masking request body (multipart): mask from the init image's alpha or from `mask_image`. */
export type MaskingBody = BodyOf<'generation', 'masking'>;
/** Upscale request body (multipart): ESRGAN engines take `image` and one of `width`/`height`; latent ones more. */
export type UpscaleBody = BodyOf<'generation', 'upscale'>;

/** An engine the API offers. */
export type Engine = DataOf<'engines', 'list'> extends ReadonlyArray<infer Item> ? Item : never;
/** The account of the API key's user. */
export type Account = DataOf<'user', 'account'>;
/** The credit balance of the API key's organization. */
export type Balance = DataOf<'user', 'balance'>;

/** `generation.textToImage()`, `imageToImage()`, `masking()`, `upscale()`. */
export type GenerationOperations = GroupOf<'generation'>;
/** `engines.list()`. */
export type EngineOperations = GroupOf<'engines'>;
/** `user.account()` and `user.balance()`. */
export type UserOperations = GroupOf<'user'>;
