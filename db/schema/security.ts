// Tables of the security area.
export {};
