package org.backchannel.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;

/**
 * Runs an embedded Neo4j Community server with a loopback-only Bolt connector.
 *
 * <p>Environment: NEO4J_DATA_DIR (required), NEO4J_BOLT_PORT (7687), NEO4J_TX_TIMEOUT (30s),
 * NEO4J_PAGECACHE (512m), NEO4J_WATCH_STDIN (1; set 0 to run by hand with a closed stdin).
 *
 * <p>Stdout carries exactly one line, "NEO4J READY bolt://127.0.0.1:PORT"; everything else goes to
 * stderr or to logs/ under the data dir.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";
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
        int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        Path home = Path.of(dataDirEnv).toAbsolutePath();

        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::shutdown, "neo4j-shutdown"));
        if (!"0".equals(env("NEO4J_WATCH_STDIN", "1"))) {
            watchStdin();
        }

        try {
            Files.createDirectories(home);
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    // No UDP broadcasts to find "fleet" peers: this server is private to one machine.
                    .setConfig(BoltConnector.enable_discovery, false)
                    // Internal but typed; netty's default 5 s quiet period would add 5 s to every stop.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ofMillis(100))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // Loopback only, so no credentials to manage.
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.transaction_timeout,
                            parse(GraphDatabaseSettings.transaction_timeout, env("NEO4J_TX_TIMEOUT", "30s")))
                    .setConfig(GraphDatabaseSettings.pagecache_memory,
                            parse(GraphDatabaseSettings.pagecache_memory, env("NEO4J_PAGECACHE", "512m")))
                    .build();
            BUILT.countDown();

            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
                throw new IllegalStateException("default database did not become available");
            }
            awaitBolt(port, Duration.ofSeconds(30));
            ready.println("NEO4J READY bolt://" + HOST + ":" + port);
        } catch (Throwable t) {
            BUILT.countDown();
            System.err.println("launcher: failed to start Neo4j");
            t.printStackTrace(System.err);
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
