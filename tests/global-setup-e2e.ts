import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clientBuildIsStale, spawnClientBuild } from '../scripts/client-build';

/**
 * The `e2e` project's global setup: builds the client once for the whole run, in a child process started before any
 * test file, so that the build overlaps the suites that need no browser instead of holding up the first browser file.
 * Its outcome goes to a status file that `QINGBO_CLIENT_BUILD_STATUS` names (the test workers inherit the variable);
 * `ensureClientBuilt` in tests/e2e/browser.ts waits for it. One build per run: two browser files run at once, and
 * neither may rebuild client/dist under the other's server.
 */
export function setup(): () => void {
  const status = path.join(os.tmpdir(), `qingbo-client-build-${process.pid}.json`);
  process.env.QINGBO_CLIENT_BUILD_STATUS = status;
  const finish = (code: number) => {
    // written under another name, then renamed: a waiting worker never reads half a file
    fs.writeFileSync(`${status}.part`, JSON.stringify({ code }));
    fs.renameSync(`${status}.part`, status);
  };
  if (!clientBuildIsStale()) {
    finish(0);
    return () => fs.rmSync(status, { force: true });
  }
  let build = spawnClientBuild();
  // once more after a failure: in a shared work tree another build may have emptied client/dist under this one
  void build.exited.then((code) => {
    if (code === 0) return finish(0);
    build = spawnClientBuild();
    return build.exited.then(finish);
  });
  return () => {
    build.kill();
    fs.rmSync(status, { force: true });
  };
}
