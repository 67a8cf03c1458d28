import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { WizardState } from './store.ts';

export const StoreContext = createContext<StoreApi<WizardState> | null>(null);

export function useWizard<T>(selector: (s: WizardState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useWizard outside StoreContext');
  return useStore(store, selector);
}
