import { useSyncExternalStore } from 'react';
import type { Store } from './store';

/** Subscribes a React component to a store made by createStore (lib/ui/store.ts). */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
