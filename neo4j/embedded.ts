// Builds (with Maven) and runs the embedded Neo4j launcher in this folder as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface EmbeddedNeo4j {
  uri: string;
  /** Always `neo4j`; with `password`, the credentials every client of this database must present. */
  user: string;
  password: string;
  port: number;
  dataDir: string;
  /** Neo4j Browser's page on loopback, when it was asked for (`browser`); undefined otherwise. */
  browserUrl?: string;
  /** The running JVM's pid; a supervised server's changes when it restarts the JVM. */
  readonly pid: number;
  /** What the supervisor is doing (a server started without `supervise` only ever says `running`). */
  supervision(): Supervision;
  stop(): Promise<void>;
}

/** The supervisor's state, as /health shows it. */
export interface Supervision {
  state: 'running' | 'restarting' | 'stopped';
  /** How many times the JVM was restarted after dying on its own. */
  restarts: number;
  /** While restarting: which attempt is next or under way, and in how many seconds it starts (0 once it has). */
  attempt?: number;
  nextTryInSeconds?: number;
  /** How the last JVM that died went ("killed by SIGKILL", "exit code 1"). */
  lastExit?: string;
  /** Why the last restart attempt failed, if one did. */
  lastError?: string;
}

interface Launched {
  uri: string;
  pid: number;
  stop(): Promise<void>;
  /** Resolves, with how it ended, when the JVM exits for any reason. */
  exited: Promise<string>;
}

type Log = (line: string) => void;

const HERE = dirname(fileURLToPath(import.meta.url));
const POM = join(HERE, 'pom.xml');
const SRC = join(HERE, 'src');
const CLASSES = join(HERE, 'target', 'classes');
const LIB = join(HERE, 'target', 'lib');
// Filled by the pom's neo4j-browser profile only when Neo4j Browser is asked for; on the classpath only then.
const BROWSER_LIB = join(HERE, 'target', 'browser');
const STAMP = join(HERE, 'target', '.launcher-built');
const LOCK = join(HERE, 'target', '.build-lock');
const MAIN_CLASS = 'org.backchannel.neo4j.Launcher';
const NEO4J_LINE = 'Neo4j 2026.x'; // keep in step with <neo4j.version> in pom.xml
const SUPPORTED_JAVA = [25, 21]; // the Java versions Neo4j 2026.x supports, preferred first
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const BUILD_LOCK_WAIT_MS = 15 * 60_000;
// Waits before each restart attempt of a JVM that died; the last one repeats until it comes back.
const RESTART_BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

// Module flags from Neo4j 2026.x's conf/neo4j.conf (server.jvm.additional) and its bootloader.
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+DisableExplicitGC',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dio.netty.leakDetection.level=DISABLED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dorg.neo4j.shaded.lucene9.vectorization.upperJavaFeatureVersion=25',
  '-Dlog4j2.disable.jmx=true',
  '-Dlog4j.layout.jsonTemplate.maxStringLength=32768',
  '-Dfile.encoding=UTF-8',
];
// Java 24+ warns on every sun.misc.Unsafe memory call unless told otherwise (Neo4j's bootloader does the same).
const JVM_FLAGS_24 = ['--sun-misc-unsafe-memory-access=allow'];

interface Jdk {
  home: string;
  major: number;
}

/** Major version from a JDK's `release` file ("17.0.15" → 17, "1.8.0_402" → 8), or 0 if unreadable. */
function jdkMajor(home: string): number {
  try {
    const m = /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(join(home, 'release'), 'utf8'));
    const parts = (m?.[1] ?? '').split('.').map((p) => parseInt(p, 10));
    return parts[0] === 1 ? (parts[1] ?? 0) : (parts[0] ?? 0);
  } catch {
    return 0;
  }
}

function isJdk(home: string): boolean {
  return existsSync(join(home, 'bin', 'java')) && existsSync(join(home, 'bin', 'javac'));
}

/** JAVA_HOME if Neo4j supports it, else the newest supported JDK under /usr/lib/jvm. */
export function findJdk(): Jdk {
  const seen: string[] = [];
  const envHome = process.env.JAVA_HOME;
  if (envHome) {
    const major = jdkMajor(envHome);
    if (isJdk(envHome) && SUPPORTED_JAVA.includes(major)) return { home: envHome, major };
    seen.push(`JAVA_HOME=${envHome} (${major ? `Java ${major}` : 'not a JDK'})`);
  }
  const root = '/usr/lib/jvm';
  const found = new Map<string, Jdk>(); // keyed by real path: Debian links one JDK under several names
  for (const name of existsSync(root) ? readdirSync(root) : []) {
    const home = join(root, name);
    if (!isJdk(home)) continue;
    found.set(realpathSync(home), { home, major: jdkMajor(home) });
  }
  const jdks = [...found.values()];
  seen.push(...jdks.map((j) => `${j.home} (Java ${j.major})`));
  for (const major of SUPPORTED_JAVA) {
    const jdk = jdks.find((j) => j.major === major);
    if (jdk) return jdk;
  }
  throw new Error(
    `No JDK for ${NEO4J_LINE}: it needs Java ${SUPPORTED_JAVA.join(' or ')} (a full JDK with javac). ` +
      `Found: ${seen.length ? seen.join(', ') : 'nothing under /usr/lib/jvm and no JAVA_HOME'}. ` +
      `Fix: install one (e.g. Eclipse Temurin 25 into /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to a JDK ${SUPPORTED_JAVA.join('/')}.`,
  );
}

function findOnPath(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** Newest modification time (ms) of a file or of any file below a directory. */
function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

function buildState(): 'fresh' | 'stale' | 'new-pom' {
  if (!existsSync(STAMP) || !existsSync(CLASSES) || !existsSync(LIB)) return 'new-pom';
  const built = statSync(STAMP).mtimeMs;
  if (statSync(POM).mtimeMs > built) return 'new-pom';
  return newestMtime(SRC) > built ? 'stale' : 'fresh';
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A directory lock, so `npm start` and the test setup never run two Mavens into one target/. */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(LOCK), { recursive: true });
  const deadline = Date.now() + BUILD_LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = parseInt(readFileSafe(join(LOCK, 'pid')), 10);
      // A lock whose owner died is stale; a lock with no pid yet is still being taken.
      if (owner && !pidAlive(owner)) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for another launcher build (lock ${LOCK}); remove it if no build is running.`);
      else await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Feeds a stream to `onLine` line by line. */
function eachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

export async function ensureLauncherBuilt(log: Log = () => {}): Promise<void> {
  if (buildState() === 'fresh') return;
  const jdk = findJdk();
  const mvn = findOnPath('mvn');
  if (!mvn) throw new Error('Apache Maven (mvn) is not on PATH; it is needed once to build neo4j/ (install it, e.g. `apt-get install maven`).');

  await withBuildLock(async () => {
    const state = buildState(); // another process may have built it while we waited
    if (state === 'fresh') return;
    // A changed pom may change versions; stale jars left in lib/ would put two Neo4j versions on the classpath.
    if (state === 'new-pom') rmSync(LIB, { recursive: true, force: true });
    const firstTime = existsSync(LIB) ? '' : '; a first build may download ~150 MB of jars';
    log(`building the Neo4j launcher with Maven (JDK ${jdk.major} at ${jdk.home})${firstTime}`);
    const started = Date.now();
    await runMaven(mvn, jdk, ['compile'], log);
    writeFileSync(STAMP, `${new Date().toISOString()} ${jdk.home}\n`);
    log(`launcher built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}

/** Runs Maven in this folder with the launcher's JDK; fails with the tail of its output. */
async function runMaven(mvn: string, jdk: Jdk, goals: string[], log: Log): Promise<void> {
  const output: string[] = [];
  const child = spawn(mvn, ['-B', '-q', '-Dstyle.color=never', ...goals], {
    cwd: HERE,
    env: {
      ...process.env,
      JAVA_HOME: jdk.home,
      // Maven 3.8's bundled Guava trips the same Unsafe warning on Java 24+.
      MAVEN_OPTS: [process.env.MAVEN_OPTS, jdk.major >= 24 ? JVM_FLAGS_24[0] : ''].filter(Boolean).join(' '),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (raw: string) => {
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '').trimEnd(); // Maven 3.8 colours even in batch mode
    if (!line) return;
    output.push(line);
    log(`mvn: ${line}`);
  };
  eachLine(child.stdout, keep);
  eachLine(child.stderr, keep);
  const code = await new Promise<number | null>((res, rej) => {
    child.once('error', rej);
    child.once('close', res);
  });
  if (code !== 0) {
    throw new Error(`Maven (${goals.join(' ')}) in ${HERE} failed (exit ${code}). Last output:\n${output.slice(-40).join('\n')}`);
  }
}

/** The jar `mvn -Pneo4j-browser` puts in target/browser for the version the pom pins. */
function browserJar(): string {
  const version = /<neo4j-browser\.version>([^<]+)</.exec(readFileSync(POM, 'utf8'))?.[1];
  if (!version) throw new Error(`${POM} has no <neo4j-browser.version>`);
  return join(BROWSER_LIB, `neo4j-browser-${version}.jar`);
}

/** Fetches Neo4j Browser (org.neo4j.client:neo4j-browser, its static files in one jar) from Maven Central, once. */
export async function ensureBrowserFetched(log: Log = () => {}): Promise<void> {
  if (existsSync(browserJar())) return;
  const jdk = findJdk();
  const mvn = findOnPath('mvn');
  if (!mvn) throw new Error('Apache Maven (mvn) is not on PATH; it is needed once to fetch Neo4j Browser (install it, e.g. `apt-get install maven`).');
  await withBuildLock(async () => {
    if (existsSync(browserJar())) return;
    rmSync(BROWSER_LIB, { recursive: true, force: true }); // another version's jar would put two Browsers on the classpath
    log('fetching Neo4j Browser from Maven Central (mvn -Pneo4j-browser, about 15 MB)');
    await runMaven(mvn, jdk, ['-Pneo4j-browser', 'generate-resources'], log);
    if (!existsSync(browserJar())) throw new Error(`Maven ran but ${browserJar()} is missing; see the output above.`);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? res(port) : rej(new Error('could not read the free port'))));
    });
  });
}

/** Where the embedded database's password lives: beside its files, readable by this user only. */
export function passwordFile(dataDir: string): string {
  return join(resolve(dataDir), 'neo4j-password');
}

/** The password of the embedded database in `dataDir`, or undefined before its first start. */
export function readEmbeddedPassword(dataDir: string): string | undefined {
  const text = readFileSafe(passwordFile(dataDir)).trim();
  return text || undefined;
}

/** Where a running embedded database writes its Bolt address, so the CLIs find it whatever port it was given. */
function uriFile(dataDir: string): string {
  return join(resolve(dataDir), 'bolt-uri');
}

/** The Bolt address the embedded database in `dataDir` was last started on, if any (it may have stopped since). */
export function readEmbeddedUri(dataDir: string): string | undefined {
  const text = readFileSafe(uriFile(dataDir)).trim();
  return text || undefined;
}

/** Reads the password, or makes a random one at first start; the file and its folder are the user's only. */
function embeddedPassword(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = passwordFile(dataDir);
  let password = readEmbeddedPassword(dataDir);
  if (!password) {
    password = randomBytes(24).toString('base64url');
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return password;
}

export async function startEmbeddedNeo4j(opts: {
  dataDir: string;
  port?: number;
  log?: Log;
  heap?: string;
  websocket?: boolean;
  /**
   * Serve Neo4j Browser on 127.0.0.1:browserPort (default 7474) from Neo4j's HTTP connector, which then serves nothing
   * else. The Browser speaks Bolt over WebSocket, so this turns WebSocket on too (still behind the password).
   */
  browser?: boolean;
  browserPort?: number;
  /** Restart the JVM, with backoff, on the same folder, port and password whenever it dies without stop(). */
  supervise?: boolean;
}): Promise<EmbeddedNeo4j> {
  const log = opts.log ?? (() => {});
  await ensureLauncherBuilt(log);
  if (opts.browser) await ensureBrowserFetched(log);
  const jdk = findJdk();
  const dataDir = resolve(opts.dataDir);
  const password = embeddedPassword(dataDir);
  const browserPort = opts.browser ? (opts.browserPort ?? 7474) : 0;
  const websocket = browserPort > 0 || (opts.websocket ?? process.env.NEO4J_WEBSOCKET === '1');
  const launchOpts = { heap: opts.heap ?? process.env.NEO4J_HEAP ?? '1g', password, websocket, browserPort };
  // A port we picked can be taken before the JVM binds it; then pick another, a few times. The listener Neo4j
  // insists on (on a port browsers refuse, picked by the launcher) can race another Neo4j's too: retry even when
  // the Bolt port itself was given.
  const attempts = 3;
  let current: Launched | undefined;
  let port = 0;
  for (let i = 1; !current; i++) {
    port = opts.port || (await freePort());
    try {
      current = await launch(jdk, dataDir, port, launchOpts, log);
    } catch (e) {
      if (i >= attempts || !/address already in use|BindException/i.test(String(e))) throw e;
      log(`a port was taken as Neo4j bound it (${String(e).split('\n')[0]}), retrying`);
    }
  }

  let status: Supervision = { state: 'running', restarts: 0 };
  let nextTryAt = 0;
  let stopped = false;
  let starting: Promise<Launched> | undefined;
  let wake: (() => void) | undefined;

  const recover = async (dead: Launched, why: string) => {
    log(`neo4j (pid ${dead.pid}) died on its own (${why}); restarting it on ${dataDir}, port ${port}`);
    for (let attempt = 1; !stopped; attempt++) {
      const delay = RESTART_BACKOFF_MS[Math.min(attempt, RESTART_BACKOFF_MS.length) - 1]!;
      status = { ...status, state: 'restarting', attempt, lastExit: why };
      nextTryAt = Date.now() + delay;
      log(`restart attempt ${attempt} in ${delay / 1000} s`);
      await new Promise<void>((res) => {
        const timer = setTimeout(res, delay);
        wake = () => (clearTimeout(timer), res());
      });
      if (stopped) return;
      try {
        starting = launch(jdk, dataDir, port, launchOpts, log);
        const next = await starting;
        if (stopped) return; // stop() stops it
        current = next;
        status = { state: 'running', restarts: status.restarts + 1, lastExit: why };
        log(`neo4j is back after restart attempt ${attempt} (pid ${next.pid})`);
        watch(next);
        return;
      } catch (e) {
        status = { ...status, lastError: String((e as Error).message).split('\n')[0] };
        log(`restart attempt ${attempt} failed: ${status.lastError}`);
      } finally {
        starting = undefined;
      }
    }
  };
  const watch = (launched: Launched) => {
    if (!opts.supervise) return;
    void launched.exited.then((why) => {
      if (!stopped && current === launched) void recover(launched, why);
    });
  };
  watch(current);

  return {
    uri: current.uri,
    user: 'neo4j',
    password,
    port,
    dataDir,
    ...(browserPort > 0 && { browserUrl: `http://127.0.0.1:${browserPort}/browser/` }),
    get pid() {
      return current!.pid;
    },
    supervision() {
      if (status.state !== 'restarting') return { ...status };
      return { ...status, nextTryInSeconds: Math.max(0, Math.ceil((nextTryAt - Date.now()) / 1000)) };
    },
    async stop() {
      stopped = true;
      status = { ...status, state: 'stopped' };
      wake?.();
      const pending = await starting?.catch(() => undefined);
      await pending?.stop();
      await current!.stop();
    },
  };
}

function launch(jdk: Jdk, dataDir: string, port: number, opts: { heap: string; password: string; websocket: boolean; browserPort: number }, log: Log): Promise<Launched> {
  const { heap, password } = opts;
  const args = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    ...JVM_FLAGS,
    ...(jdk.major >= 24 ? JVM_FLAGS_24 : []),
    '-cp',
    `${CLASSES}:${LIB}/*${opts.browserPort ? `:${BROWSER_LIB}/*` : ''}`,
    MAIN_CLASS,
  ];
  const started = Date.now();
  const child: ChildProcess = spawn(join(jdk.home, 'bin', 'java'), args, {
    cwd: HERE,
    env: {
      ...process.env,
      NEO4J_DATA_DIR: dataDir,
      NEO4J_BOLT_PORT: String(port),
      NEO4J_WATCH_STDIN: '1',
      NEO4J_PASSWORD: password,
      NEO4J_WEBSOCKET: opts.websocket ? '1' : '0',
      NEO4J_BROWSER_PORT: String(opts.browserPort),
    },
    // stdin stays an open pipe: the launcher exits when it reads EOF, i.e. when this process dies.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((res) => child.once('exit', (code, signal) => res(signal ? `killed by ${signal}` : `exit code ${code}`)));
  const stderrTail: string[] = [];
  eachLine(child.stderr, (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 30) stderrTail.shift();
    log(`neo4j: ${line}`);
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = new Promise<'timeout'>((res) => setTimeout(res, STOP_TIMEOUT_MS, 'timeout').unref());
      if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
        log('neo4j did not stop within 30 s; killing it');
        child.kill('SIGKILL');
        await exited;
      }
    })());

  child.stdin?.on('error', () => {}); // EPIPE once the JVM is gone is expected, not a crash

  return new Promise((res, rej) => {
    let ready = false;
    const fail = (why: string) => {
      if (ready) return;
      clearTimeout(timer);
      void stop();
      const tail = stderrTail.length ? `\nLast stderr lines:\n${stderrTail.join('\n')}` : '';
      rej(new Error(`Embedded Neo4j did not start: ${why}. Logs: ${join(dataDir, 'logs', 'debug.log')}${tail}`));
    };
    const timer = setTimeout(() => fail(`no ready line within ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    child.once('error', (e) => fail(`could not run ${jdk.home}/bin/java (${e.message})`));
    child.once('exit', (code, signal) => fail(`the launcher exited early (code ${code}, signal ${signal})`));
    eachLine(child.stdout, (line) => {
      const m = /^NEO4J READY (bolt:\/\/\S+)$/.exec(line);
      if (!m) return log(`neo4j stdout: ${line}`);
      ready = true;
      clearTimeout(timer);
      writeFileSync(uriFile(dataDir), `${m[1]}\n`, { mode: 0o600 });
      log(`neo4j ready at ${m[1]} after ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid})`);
      res({ uri: m[1]!, pid: child.pid!, stop, exited });
    });
  });
}

/** What Neo4j's offline importer did: its own summary lines, and how long the JVM ran. */
export interface OfflineImport {
  ms: number;
  summary: string[];
}

/**
 * Runs Neo4j's offline importer (`neo4j-admin database import full`, from the neo4j-import-tool jar already on the
 * launcher's classpath) into the database `neo4j` of an embedded data folder, replacing its store files. No Neo4j
 * may be running on that folder. The CSV files follow the importer's header format; lists are split at
 * `arrayDelimiter` (an option value such as U+001F). Any bad row fails the whole import (--bad-tolerance=0).
 */
export async function runOfflineImport(opts: {
  dataDir: string;
  nodes: readonly string[];
  relationships: readonly { type: string; file: string }[];
  /** Files with fields that span lines; the others are parsed in parallel (multi-line parsing is single-threaded). */
  multilineFiles: readonly string[];
  arrayDelimiter: string;
  heap?: string;
  log?: Log;
}): Promise<OfflineImport> {
  const log = opts.log ?? (() => {});
  await ensureLauncherBuilt(log);
  const jdk = findJdk();
  const dataDir = resolve(opts.dataDir);
  // neo4j-admin reads its settings from NEO4J_CONF; the embedded server configures itself in code, so an empty
  // neo4j.conf there leaves every directory at its default under NEO4J_HOME, the layout the launcher uses.
  const conf = join(dataDir, 'import-conf');
  mkdirSync(conf, { recursive: true });
  writeFileSync(join(conf, 'neo4j.conf'), '');
  const report = join(dataDir, 'logs', 'import.report');
  mkdirSync(dirname(report), { recursive: true });
  const args = [
    `-Xmx${opts.heap ?? '1g'}`,
    ...JVM_FLAGS,
    ...(jdk.major >= 24 ? JVM_FLAGS_24 : []),
    '-cp', `${CLASSES}:${LIB}/*`,
    'org.neo4j.cli.AdminTool', 'database', 'import', 'full',
    ...opts.nodes.map((f) => `--nodes=${f}`),
    ...opts.relationships.map((r) => `--relationships=${r.type}=${r.file}`),
    ...(opts.multilineFiles.length ? ['--multiline-fields-format=v2', `--multiline-fields=${opts.multilineFiles.join(',')}`] : ['--multiline-fields=false']),
    `--array-delimiter=${opts.arrayDelimiter}`,
    // The files' :ID, :START_ID and :END_ID are integers (store/bulk-csv.ts); the ids users see are properties.
    '--id-type=INTEGER',
    '--bad-tolerance=0',
    '--skip-bad-relationships=false',
    '--skip-duplicate-nodes=false',
    '--overwrite-destination=true',
    `--report-file=${report}`,
    'neo4j',
  ];
  const started = Date.now();
  const child = spawn(join(jdk.home, 'bin', 'java'), args, {
    cwd: dataDir,
    env: { ...process.env, NEO4J_HOME: dataDir, NEO4J_CONF: conf },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (line: string) => {
    if (/^[-.\s\d%∆\[\]a-z]*$/.test(line) && /\.\.\.\.\.\./.test(line)) return; // progress dots
    lines.push(line);
    if (lines.length > 200) lines.shift();
    log(`neo4j-admin: ${line}`);
  };
  eachLine(child.stdout, keep);
  eachLine(child.stderr, keep);
  const code = await new Promise<number | string>((res) => child.once('exit', (c, signal) => res(signal ?? c ?? 1)));
  rmSync(conf, { recursive: true, force: true });
  const done = lines.findIndex((l) => /^IMPORT DONE/.test(l));
  if (code !== 0 || done < 0) {
    const failure = lines.filter((l) => /FAIL|Exception|rror|violat|Duplicate|not found|missing/i.test(l)).slice(-6).join(' | ');
    throw new Error(`Neo4j's offline importer failed (${typeof code === 'number' ? `exit code ${code}` : `killed by ${code}`}): ${failure || lines.slice(-5).join(' | ')}. Report: ${report}`);
  }
  return { ms: Date.now() - started, summary: lines.slice(done, done + 6).map((l) => l.trim()).filter(Boolean) };
}
