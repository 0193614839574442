/** The usage shape, declared once: attribution dimensions and measures (pure: no database, safe in the browser). */
export * from "./dimensions";
export * from "./measures";
