// Tables of the reports area.
export {};
