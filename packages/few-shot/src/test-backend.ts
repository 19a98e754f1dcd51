/** Test helper: the wasm backend, silently, once per file. */
import { initBackend } from '@mixup/core';

export async function useTestBackend(): Promise<void> {
  await initBackend({ backend: process.env.MIXUP_BACKEND ?? 'wasm' });
}
