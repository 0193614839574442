// The vitest config of a mutation run: the project's, limited to the module's own test files
// (MUTATE_TEST_FILES, set by scripts/mutate.mjs). Not Stryker's `testFiles` option: with it, Stryker
// 9.6 activates static mutants (module-level code, e.g. the role table) only after the module was
// loaded, so they all "survive"; scoping the config keeps them honest.
import base from "../vitest.config";

const files = (process.env.MUTATE_TEST_FILES ?? "").split(",").filter(Boolean);
if (!files.length) throw new Error("MUTATE_TEST_FILES is empty: run through `npm run mutate`");

export default { ...base, test: { ...base.test, include: files } };
