/** The README shows the sbatch files that npm run test:slurm submits, verbatim: they cannot drift apart. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("README: the Slurm recipe", () => {
  it("shows docs/slurm/paper.sbatch (the sweep) and docs/slurm/map.sbatch (the map) as they are, in that order", () => {
    const scripts = ["docs/slurm/paper.sbatch", "docs/slurm/map.sbatch"].map(read);
    const blocks = [...read("README.md").matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.filter((block) => block.includes("#SBATCH"))).toEqual(scripts);
  });
});
