import type { ResponseOf } from "@/lib/api/define-contract";
import type { CONTRACTS } from "@/lib/contracts";

type Contract = (typeof CONTRACTS)[number];
export type ContractNamed<N extends Contract["name"]> = Extract<Contract, { name: N }>;

/** The success body of a route, inferred from its contract's response schema (types only). */
export type ApiResponse<N extends Contract["name"]> = ResponseOf<ContractNamed<N>>;
