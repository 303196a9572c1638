import { createContext, useContext } from "react";

/** The CSP nonce of this response, given to Remix's inline scripts (empty in the browser). */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
