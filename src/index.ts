/** headtune's public API (bundled as dist/index.js): sweeps, their configuration and results, and the errors. */
export { runSweep, experimentSettings } from "./sweep/run.js";
export type { Checkpoint, SweepOptions, SweepProgress, SweepResult, TaskResult } from "./sweep/run.js";
export { parseSweepConfig, PRESET_NAMES, CONFIG_FIELDS } from "./sweep/schema.js";
export type { Grid, PresetName, SweepConfig, SweepOverrides } from "./sweep/schema.js";
export { presetConfig } from "./sweep/presets.js";
export { composeConfig, type ConfigLayer } from "./sweep/config.js";
export { resolveSizes, type DroppedSize, type Sizes } from "./sweep/grid.js";
export { summarize, type SummaryRow } from "./sweep/aggregate.js";
export { listTasks, shardTasks, type Shard, type Task } from "./sweep/tasks.js";
export { browserWorkerFactory } from "./sweep/browser-workers.js";
export type { WorkerFactory, WorkerHandle } from "./sweep/workers.js";
export { prepareSize, runReplicate } from "./experiment/public.js";
export { headLabel, validateSettings } from "./experiment/settings.js";
export type { ExperimentSettings, HeadSpec, Sampler } from "./experiment/settings.js";
export type { ExplicitSizeContext, SizeContext, SpectralSizeContext } from "./experiment/gaussian/size.js";
export type { ReplicateResult, World, WorldSize } from "./experiment/world.js";
export { plotSvg, replicatesCsv, summaryCsv, summaryTable, verdict } from "./report/index.js";
export * from "./errors.js";
export { init } from "./wasm/core.js";

// The numerical core: matrices, dense linear algebra on the WebAssembly kernels, random streams.
export { matrix, fromRows, toRows, identity, transpose, type Matrix } from "./linalg/matrix.js";
export { matmul, type MatmulOptions } from "./linalg/matmul.js";
export { gram } from "./linalg/gram.js";
export { cholesky, choleskySolve } from "./linalg/cholesky.js";
export { triangularSolve, type TriangularSolveOptions } from "./linalg/triangular.js";
export { symmetricEigen, type SymmetricEigen } from "./linalg/eigen.js";
export { tridiagonalEigenvalues } from "./linalg/tridiagonal.js";
export { RandomStream } from "./rng/stream.js";
export { KERNEL_NAMES, kernelChoice, useKernel, type KernelChoice, type KernelName } from "./wasm/kernels.js";
export { hasWasmSimd } from "./wasm/probe.js";

// The model, its samplers, the heads, their risks and the theory (SPEC sections 1-6).
export type { ModelSpec } from "./hmm/config.js";
export { drawModel, type Model } from "./hmm/model.js";
export { population, type Population } from "./hmm/population.js";
export { sampleSequential, sampleMarginal, sampleSequences, type Sample, type Sequences } from "./hmm/sample.js";
export { modelFromJson, modelToJson } from "./hmm/model-file.js";
// The spectral sampler (SPEC section 8): the model in its eigenbasis.
export { drawDiagonalModel, diagonalOfPopulation, isDiagonalFamily, type DiagonalModel, type RotatedHead } from "./hmm/diagonal.js";
export { sampleDiagonal } from "./hmm/diagonal-sample.js";
export { gaussianSingularValuesSquared } from "./hmm/laguerre.js";
export { diagonalTheory } from "./experiment/theory.js";
export { fitMinNorm } from "./head/minnorm.js";
export { fitRidge } from "./head/ridge.js";
export { oracleRisk, excessRisk } from "./risk/oracle.js";
export { testRisk } from "./risk/test-risk.js";
export { conditionalBiasVariance } from "./risk/conditional.js";
export { populationTheory } from "./experiment/theory.js";
export { populationSpectrum, sizeSpectrum } from "./experiment/spectrum.js";
export type { SizeSpectrum } from "./theory/types.js";
export { gcvLambda, gcvScore, gramSpectrum, type GramSpectrum } from "./head/ridge-gcv.js";
export { optimalRidgeTheory } from "./theory/ridge-opt.js";
export { MAP_AXES, axisValues, configAt, type MapAxis } from "./map/axis.js";
export { theoryMap, type MapCell } from "./map/theory-map.js";
export { bestSizes, mapVerdict, type BestSize } from "./map/best.js";
export { mapCsv } from "./map/csv.js";
export { mapSvg } from "./map/svg.js";
export * from "./theory/index.js";
export { validateTokenSpec, TOKEN_SCALINGS, type TokenScaling, type TokenWorldSpec } from "./tokens/spec.js";
export { drawTokenWorld, type TokenWorld } from "./tokens/world.js";
export { forwardFilter, sampleFiltered, type FilteredStrings } from "./tokens/filter.js";
export { exactSAlpha, sampledSAlpha, populationSAlpha, EXACT_ENUMERATION_LIMIT, type SAlpha } from "./tokens/salpha.js";
export { representationOf, type Representation } from "./tokens/representation.js";
export { tokenPopulation, type TokenPopulation } from "./tokens/population.js";
export { drawTokenSample, type TokenSample } from "./tokens/sample.js";
export { tokenModelFromJson, tokenModelToJson, type TokenModel } from "./tokens/model-file.js";
