/** Money: exact pico-dollar arithmetic (pico.ts) and its display for people (format.ts). */
export * from "./format";
export * from "./pico";
