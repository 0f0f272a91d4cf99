// Tables of the training area.
export {};
