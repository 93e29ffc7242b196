/** The CLI's first pass over the analyzed files: what they import from the project's own modules, and the manifests' roles. */
import { ProjectModules, type ProjectSnapshot } from '../analysis/project/modules';
import { diskFs } from '../projectFs';

/**
 * Reads, once and before anything is analyzed or fixed, the project modules `files` import
 * (a text scan finds the imports; only modules whose text could export a logger are parsed) and
 * the manifests' role evidence. The snapshot is what every thread sees, so `--jobs` cannot change the output.
 */
export function firstPass(files: readonly string[], cwd: string): ProjectSnapshot {
  const project = new ProjectModules(diskFs(), { roots: [cwd], unchanging: true });
  project.prepare(files);
  return project.snapshot();
}
