// Third-party Java tools the interoperability tests open our files with (gephi-toolkit, cypher-shell): each is a
// small Maven module under tests/support/ whose jars come from Maven Central, built once with the launcher's JDK.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { findJdk } from '../../neo4j/embedded.ts';

const run = promisify(execFile);
const HERE = path.dirname(new URL(import.meta.url).pathname);

export interface JavaTool {
  /** Runs a main class with the module's classes and jars; stdout, or an error carrying stderr's tail. */
  main(className: string, args: string[]): Promise<string>;
  /** The module's jars (target/lib), for tools that are run as `java -jar`. */
  jars: string[];
  java: string;
}

/** Builds tests/support/<name> with Maven (downloads its jars the first time) and says how to run it. */
export async function javaTool(name: string): Promise<JavaTool> {
  const dir = path.join(HERE, name);
  const jdk = findJdk();
  const env = { ...process.env, JAVA_HOME: jdk.home };
  try {
    await run('mvn', ['-B', '-q', '-Dstyle.color=never', 'compile'], { cwd: dir, env, maxBuffer: 32 << 20 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`Maven could not build ${dir} (it needs Maven Central): ${`${e.stdout ?? ''}${e.stderr ?? ''}`.slice(-3000)}`);
  }
  const lib = path.join(dir, 'target', 'lib');
  const jars = existsSync(lib) ? readdirSync(lib).filter((f) => f.endsWith('.jar')).map((f) => path.join(lib, f)) : [];
  const java = path.join(jdk.home, 'bin', 'java');
  return {
    jars,
    java,
    async main(className, args) {
      const cp = [path.join(dir, 'target', 'classes'), ...jars].join(path.delimiter);
      try {
        const { stdout } = await run(java, ['-cp', cp, className, ...args], { env, maxBuffer: 64 << 20 });
        return stdout;
      } catch (err) {
        const e = err as { stderr?: string; message: string };
        throw new Error(`${className} failed: ${e.message}\n${(e.stderr ?? '').slice(-3000)}`);
      }
    },
  };
}
