// Tables of the rotations area.
export {};
