/** Theory of the min-norm and ridge heads (SPEC 6): pure functions of the spectrum of Sx. */
export type { RiskParts } from "./types.js";
export { minNormTheory } from "./minnorm.js";
export { snapZeroEigenvalues } from "./spectrum.js";
export { FIXED_POINT_MAX_ITERATIONS, minNormFixedPoint } from "./overparameterized.js";
export { ISOTROPY_RTOL, isotropicMinNormExpected, minNormExpected } from "./expected.js";
export { isotropicMinNormTheory } from "./isotropic.js";
export { mpStieltjes } from "./marchenko-pastur.js";
export { isotropicRidgeTheory, optimalRidgeLambda } from "./ridge.js";
export { KAPPA_MAX_ITERATIONS, ridgeTheory, type RidgeParts } from "./ridge-general.js";
export { minNormFiniteN, minNormFiniteTheory, type LimitParts } from "./finite.js";
