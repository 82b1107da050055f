package org.backchannel.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.server.configuration.ConfigurableServerModules;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Runs an embedded Neo4j Community server with a loopback-only Bolt connector.
 *
 * <p>Environment: NEO4J_DATA_DIR (required), NEO4J_PASSWORD (required: the password of user neo4j,
 * set at every start), NEO4J_BOLT_PORT (7687), NEO4J_WEBSOCKET (0; 1 also accepts Bolt over WebSocket),
 * NEO4J_BROWSER_PORT (0 = off; a port serves Neo4j Browser there and needs NEO4J_WEBSOCKET=1 and the Browser's jar on
 * the classpath), NEO4J_TX_TIMEOUT (30s), NEO4J_PAGECACHE (512m), NEO4J_WATCH_STDIN (1; set 0 to run by hand with a
 * closed stdin).
 *
 * <p>Authentication is on. Unless WebSocket is asked for, Neo4j's Bolt connector listens only on a
 * Unix socket inside the data dir, and the TCP port is a front door that passes on a connection only
 * when its first four bytes are the Bolt preamble: a web page cannot speak raw TCP, so no page on the
 * machine can reach the database (Neo4j has no setting that turns its WebSocket detection off). The TCP
 * listener Neo4j insists on besides is bound to one of the Fetch standard's "bad ports", which every browser
 * refuses to connect to.
 *
 * <p>Stdout carries exactly one line, "NEO4J READY bolt://127.0.0.1:PORT"; everything else goes to
 * stderr or to logs/ under the data dir.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";
    private static final byte[] BOLT_PREAMBLE = {(byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17};
    // Counted down once build() has returned or failed, so a signal during start-up waits for it.
    private static final CountDownLatch BUILT = new CountDownLatch(1);
    private static volatile DatabaseManagementService dbms;

    private Launcher() {}

    public static void main(String[] args) {
        // Keep a private handle on the real stdout and point System.out at stderr, so no library can
        // write to the channel the Node side parses.
        PrintStream ready = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        String dataDirEnv = System.getenv("NEO4J_DATA_DIR");
        if (dataDirEnv == null || dataDirEnv.isBlank()) {
            System.err.println("launcher: NEO4J_DATA_DIR is required");
            System.exit(2);
        }
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("launcher: NEO4J_PASSWORD is required (8 characters at least)");
            System.exit(2);
        }
        int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        boolean websocket = "1".equals(env("NEO4J_WEBSOCKET", "0"));
        int browserPort = Integer.parseInt(env("NEO4J_BROWSER_PORT", "0"));
        if (browserPort > 0 && !websocket) {
            System.err.println("launcher: NEO4J_BROWSER_PORT needs NEO4J_WEBSOCKET=1 (Neo4j Browser speaks Bolt over WebSocket)");
            System.exit(2);
        }
        if (browserPort > 0 && Launcher.class.getClassLoader().getResource("browser/index.html") == null) {
            System.err.println("launcher: NEO4J_BROWSER_PORT is set but the neo4j-browser jar is not on the classpath (mvn -Pneo4j-browser generate-resources)");
            System.exit(2);
        }
        Path home = Path.of(dataDirEnv).toAbsolutePath();
        Path socket = home.resolve("bolt.sock");

        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::shutdown, "neo4j-shutdown"));
        if (!"0".equals(env("NEO4J_WATCH_STDIN", "1"))) {
            watchStdin();
        }

        try {
            Files.createDirectories(home);
            Files.deleteIfExists(socket); // left by a killed JVM; Neo4j will not bind over it
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                    .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                    .setConfig(BoltConnector.enabled, true)
                    // No UDP broadcasts to find "fleet" peers: this server is private to one machine.
                    .setConfig(BoltConnector.enable_discovery, false)
                    // Internal but typed; netty's default 5 s quiet period would add 5 s to every stop.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ofMillis(100))
                    .setConfig(HttpConnector.enabled, browserPort > 0)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.transaction_timeout,
                            parse(GraphDatabaseSettings.transaction_timeout, env("NEO4J_TX_TIMEOUT", "30s")))
                    .setConfig(GraphDatabaseSettings.pagecache_memory,
                            parse(GraphDatabaseSettings.pagecache_memory, env("NEO4J_PAGECACHE", "512m")));
            if (browserPort > 0) {
                // The HTTP connector serves the Browser's files and the discovery document (the Bolt address) only:
                // no HTTP or Query API, and CORS for the Browser's own origin rather than Neo4j's default "*".
                builder.setConfig(HttpConnector.listen_address, new SocketAddress(HOST, browserPort))
                        .setConfig(HttpConnector.advertised_address, new SocketAddress(HOST, browserPort))
                        .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                        .setConfig(ServerSettings.http_enabled_modules, Set.of(ConfigurableServerModules.BROWSER))
                        .setConfig(ServerSettings.http_access_control_allow_origin, "http://" + HOST + ":" + browserPort)
                        // The Browser reads this as "no telemetry", yet a Community Browser still loads its scripts:
                        .setConfig(ServerSettings.allow_telemetry, false)
                        // Neo4j's own policy lets the Browser load analytics (Segment), a feedback widget (Canny), web
                        // fonts and guides from the internet and connect anywhere; a Community Browser ignores the
                        // settings that would stop it, so the page may reach this server and its Bolt port only.
                        .setConfig(ServerSettings.http_static_content_security_policy, browserPolicy(port));
            }
            if (websocket) {
                builder.setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port));
            } else {
                // The TCP listener Neo4j insists on (0 is refused) is bound, on loopback, to a port that browsers
                // refuse to connect to; clients use the front door below, which talks to the Unix socket.
                builder.setConfig(BoltConnector.listen_address, new SocketAddress(HOST, hiddenLoopbackPort()))
                        .setConfig(BoltConnector.enable_unix_socket, true)
                        .setConfig(BoltConnector.unix_socket_path, socket)
                        .setConfig(BoltConnector.enable_unix_socket_auth, true)
                        .setConfig(BoltConnector.unix_socket_permission_mask, new BoltConnector.FilePermission("rw-------"))
                        .setConfig(BoltConnector.unix_socket_delete, true)
                        // The socket's own pool holds 20 threads; every client comes through it, so it shares Bolt's.
                        .setConfig(BoltConnector.unix_socket_use_dedicated_thread_pool, false)
                        .setConfig(BoltConnectorInternalSettings.enable_unix_socket_user_database_access, true);
            }
            dbms = builder.build();
            BUILT.countDown();

            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
                throw new IllegalStateException("default database did not become available");
            }
            setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password, home);
            if (!websocket) {
                frontDoor(port, socket);
            }
            awaitBolt(port, Duration.ofSeconds(30));
            ready.println("NEO4J READY bolt://" + HOST + ":" + port);
        } catch (Throwable t) {
            BUILT.countDown();
            System.err.println("launcher: failed to start Neo4j");
            t.printStackTrace(System.err);
            // Last, so that the tail of stderr a caller keeps still says why.
            System.err.println("launcher: failed to start Neo4j: " + t + (t.getCause() != null ? " (caused by " + t.getCause() + ")" : ""));
            System.exit(1);
        }
    }

    private static void shutdown() {
        try {
            BUILT.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DatabaseManagementService service = dbms;
        if (service != null) {
            System.err.println("launcher: shutting down Neo4j");
            service.shutdown();
        }
    }

    /**
     * Sets user neo4j's password (the launcher has the files, so it may). A marker beside the data keeps a hash of the
     * password last set, so a restart with the same password runs no ALTER USER at all; the first start retries a few
     * times, since the system database may still be settling on a busy machine.
     */
    private static void setPassword(GraphDatabaseService system, String password, Path home) throws Exception {
        Path marker = home.resolve("password-set");
        String digest = sha256(password);
        if (Files.exists(marker) && digest.equals(Files.readString(marker, StandardCharsets.US_ASCII).trim())) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                system.executeTransactionally("ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("password", password));
                break;
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                // Neo4j refuses to "change" a password to the one it already has: it is set.
                if (message.contains("Old password and new password cannot be the same")) {
                    break;
                }
                if (attempt >= 5) {
                    throw e;
                }
                System.err.println("launcher: setting the password failed (attempt " + attempt + "), retrying: "
                        + message.lines().findFirst().orElse(""));
                Thread.sleep(500L * attempt);
            }
        }
        Files.writeString(marker, digest + "\n", StandardCharsets.US_ASCII);
    }

    private static String sha256(String text) throws Exception {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(hash);
    }

    /** The content security policy of the Browser's page: this origin, and Bolt over WebSocket on loopback. */
    static String browserPolicy(int boltPort) {
        return "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
                + "base-uri 'none'; object-src 'none'; frame-ancestors 'none'; connect-src 'self' ws://" + HOST + ":" + boltPort;
    }

    /**
     * The WHATWG Fetch standard's "bad ports" above 1023 that browsers refuse to open a connection to
     * (net::ERR_UNSAFE_PORT in Chromium), WebSockets included. Neo4j answers Bolt over WebSocket on any TCP
     * listener it has, so the listener it insists on is put on one of these: no web page can reach it, and a
     * local process still needs the password. 4190 and 6679 are on the standard's list but Chromium 156 opens a
     * WebSocket to them (checked with a WebSocket server on each port, 2026-12-04), so they are left out.
     */
    static final int[] BROWSER_BLOCKED_PORTS = {1719, 1720, 1723, 2049, 3659, 4045, 5060, 5061, 6000, 6566,
            6665, 6666, 6667, 6668, 6669, 6697, 10080};

    /** A free loopback port that browsers refuse, for the TCP listener Neo4j insists on when Bolt is on. */
    private static int hiddenLoopbackPort() throws IOException {
        // Start at a random one, so that Neo4js starting at the same moment (the test suite's) rarely pick the same.
        int first = java.util.concurrent.ThreadLocalRandom.current().nextInt(BROWSER_BLOCKED_PORTS.length);
        for (int i = 0; i < BROWSER_BLOCKED_PORTS.length; i++) {
            int candidate = BROWSER_BLOCKED_PORTS[(first + i) % BROWSER_BLOCKED_PORTS.length];
            try (ServerSocketChannel probe = ServerSocketChannel.open()) {
                probe.bind(new InetSocketAddress(HOST, candidate));
                return candidate;
            } catch (IOException taken) {
                // in use by another Neo4j or service: try the next one
            }
        }
        throw new IOException("every port browsers refuse (" + java.util.Arrays.toString(BROWSER_BLOCKED_PORTS)
                + ") is taken on " + HOST + "; stop another Neo4j, or set NEO4J_WEBSOCKET=1 to run without the front door");
    }

    /**
     * Listens on HOST:port and passes each connection that opens with the Bolt preamble on to the Unix
     * socket; an HTTP request (a WebSocket upgrade from a web page) gets 403 and is closed.
     */
    private static void frontDoor(int port, Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(HOST, port));
        Thread.ofPlatform().daemon().name("bolt-front-door").start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    Thread.ofPlatform().daemon().name("bolt-front-door-client").start(() -> admit(client, socket));
                } catch (IOException e) {
                    if (server.isOpen()) {
                        System.err.println("launcher: front door accept failed: " + e);
                    }
                }
            }
        });
    }

    private static void admit(SocketChannel client, Path socket) {
        try (client) {
            client.socket().setTcpNoDelay(true);
            client.socket().setSoTimeout(10_000);
            byte[] first = new byte[4];
            int read = 0;
            InputStream in = client.socket().getInputStream();
            while (read < 4) {
                int n = in.read(first, read, 4 - read);
                if (n < 0) {
                    return;
                }
                read += n;
            }
            if (!Arrays.equals(first, BOLT_PREAMBLE)) {
                if (new String(first, StandardCharsets.US_ASCII).matches("[A-Z]{3,4}.?")) {
                    byte[] body = "Bolt over WebSocket and HTTP is off on this port (NEO4J_WEBSOCKET=1 turns it on).\n"
                            .getBytes(StandardCharsets.US_ASCII);
                    String head = "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n";
                    client.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
                    client.write(ByteBuffer.wrap(body));
                }
                return;
            }
            client.socket().setSoTimeout(0);
            try (SocketChannel db = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                db.connect(UnixDomainSocketAddress.of(socket));
                db.write(ByteBuffer.wrap(first));
                Thread upstream = Thread.ofPlatform().daemon().start(() -> pump(client, db));
                pump(db, client);
                upstream.join();
            }
        } catch (IOException | InterruptedException e) {
            // A client that hangs up mid-stream is normal; the connection is closed either way.
        }
    }

    /** Copies one direction until EOF, then half-closes the other side so the peer sees the end. */
    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                buf.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // Both ends are going away.
            }
        }
    }

    /** The Node parent holds our stdin; EOF means it is gone, so we must not outlive it. */
    private static void watchStdin() {
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) != -1) {
                    // Input is ignored; only EOF matters.
                }
            } catch (IOException ignored) {
                // A broken pipe means the parent is gone as well.
            }
            System.err.println("launcher: stdin closed, exiting");
            System.exit(0);
        }, "stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    /** build() has started the connector, but only a real connect proves it accepts clients. */
    private static void awaitBolt(int port, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Parse with Neo4j's own parser so values read exactly as they would in neo4j.conf. */
    @SuppressWarnings("unchecked")
    private static <T> T parse(Setting<T> setting, String value) {
        return ((SettingImpl<T>) setting).parse(value);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
