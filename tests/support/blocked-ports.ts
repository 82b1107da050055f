// The ports the embedded launcher may put Neo4j's hidden TCP listener on, read from the launcher's own source, so that
// the tests probe exactly the list it uses (Launcher.BROWSER_BLOCKED_PORTS).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LAUNCHER = fileURLToPath(new URL('../../neo4j/src/main/java/org/backchannel/neo4j/Launcher.java', import.meta.url));

export function launcherBlockedPorts(): number[] {
  const source = readFileSync(LAUNCHER, 'utf8');
  const m = /BROWSER_BLOCKED_PORTS\s*=\s*\{([^}]*)\}/.exec(source);
  if (!m) throw new Error(`no BROWSER_BLOCKED_PORTS = {…} in ${LAUNCHER}`);
  const ports = m[1]!.split(',').map((s) => Number(s.trim()));
  if (!ports.length || ports.some((p) => !Number.isInteger(p) || p < 1024 || p > 65535)) throw new Error(`BROWSER_BLOCKED_PORTS in ${LAUNCHER} is not a list of ports above 1023: ${m[1]}`);
  return ports;
}
