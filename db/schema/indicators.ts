// Tables of the indicators area.
export {};
