import { runProviderContract } from './provider-contract.test-suite.js';

runProviderContract({ provider: 'openai', modelId: 'scripted-model' });
runProviderContract({ provider: 'anthropic', modelId: 'claude-sonnet-4-5' });
runProviderContract({ provider: 'google', modelId: 'gemini-2.5-flash' });
// Older Claude models get structured output through a forced `json` tool instead of `output_config.format`.
runProviderContract({ provider: 'anthropic', modelId: 'claude-3-haiku-20240307' });
