// Tables of the imports area.
export {};
