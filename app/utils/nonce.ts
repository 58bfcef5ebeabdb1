import { createContext, useContext } from 'react';

/** The request's CSP nonce during server rendering; empty in the browser (which hides it anyway). */
export const NonceContext = createContext('');
export const useNonce = () => useContext(NonceContext);
