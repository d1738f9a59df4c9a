// The test servers listen on 127.0.0.1, which the network rule refuses (README, "Security"):
// tests that fetch from them allow loopback by name, as a developer running a local mirror does.
export const ALLOW_LOOPBACK = { CITYDASH_ALLOW_HOSTS: '127.0.0.1,localhost' } as const;
