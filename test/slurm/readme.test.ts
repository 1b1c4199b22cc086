/** The README shows the sbatch file that npm run test:slurm submits, verbatim: the two cannot drift apart. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("README: the Slurm recipe", () => {
  it("shows docs/slurm/paper.sbatch as it is", () => {
    const script = read("docs/slurm/paper.sbatch");
    const blocks = [...read("README.md").matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.filter((block) => block.includes("#SBATCH"))).toEqual([script]);
  });
});
