import { z } from 'zod';
import type { PendingBatchRequest } from './batch.js';
import { computeKey, replayCachedResponse } from './model-caller.js';
import type { ModelCaller, ModelCallRequest, ModelCallResult } from './model-caller.js';
import type { ModelSpec } from './model-spec.js';
import type { ResponseCache } from './response-cache.js';

export interface CollectCallerOptions {
  /** The parsed `<provider>/<model-id>`: its text keys the cache, its model id goes into the batch file. */
  spec: ModelSpec;
  cache: ResponseCache;
}

/** A caller that never sends a request: it replays recorded calls and collects the rest for a batch file. */
export interface CollectCaller extends ModelCaller {
  /** The requests with no recorded response, one per cache key, in the order they were first asked for. */
  readonly pending: readonly PendingBatchRequest[];
  /** Calls answered from the cache. */
  readonly replayed: number;
}

/**
 * The collect mode of `steward llm batch export`: the same cache keys as `createModelCaller` (so imported
 * batch results are replayed by the next audit), a cache hit answered as the real caller would, and a miss
 * recorded as a `PendingBatchRequest` and answered with an abstention whose reason is `deferred-to-batch`.
 * Nothing is sent and nothing goes to the usage ledger: each pending request carries what it is for (`account`), so
 * the export can record it and the import account the result.
 */
export function createCollectCaller(options: CollectCallerOptions): CollectCaller {
  const pending = new Map<string, PendingBatchRequest>();
  let replayed = 0;
  return {
    model: options.spec.text,
    get pending() {
      return [...pending.values()];
    },
    get replayed() {
      return replayed;
    },
    async call<OBJECT>(request: ModelCallRequest<OBJECT>): Promise<ModelCallResult<OBJECT>> {
      const key = computeKey(options.spec.text, request);
      const entry = await options.cache.get(key);
      const result = entry === undefined ? undefined : replayCachedResponse(entry, request, 0);
      if (result !== undefined) {
        replayed += 1;
        return result;
      }
      if (!pending.has(key)) {
        pending.set(key, {
          key,
          account: {
            model: options.spec.text,
            provider: options.spec.provider,
            promptId: request.promptId,
            promptVersion: request.promptVersion,
            verifier: request.verifier,
            itemId: request.itemId,
            runIndex: request.runIndex,
          },
          modelId: options.spec.modelId,
          system: request.system,
          messages: request.messages,
          parameters: request.parameters ?? {},
          jsonSchema:
            request.schema === undefined
              ? undefined
              : {
                  name: request.schemaName,
                  schema: z.toJSONSchema(request.schema),
                },
        });
      }
      return {
        kind: 'abstain',
        reason: 'deferred-to-batch',
        attempts: 0,
        lastError: `no recorded response: request ${key.slice(0, 12)} deferred to a batch`,
      };
    },
  };
}
