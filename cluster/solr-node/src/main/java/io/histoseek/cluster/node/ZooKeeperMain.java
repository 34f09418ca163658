package io.histoseek.cluster.node;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;

/**
 * A standalone ZooKeeper on 127.0.0.1: {@code ZooKeeperMain DATA_DIR PORT} (PORT 0 picks a free
 * one). Prints {@code zookeeper ready: port=P} once it accepts clients and stops on SIGTERM.
 */
public final class ZooKeeperMain extends ZooKeeperServerMain {
    private static final int BIND_ATTEMPTS = 5;

    public static void main(String[] args) {
        if (args.length != 2) {
            Exit.fail("usage: ZooKeeperMain DATA_DIR PORT");
        }
        // The admin server would claim port 8080 on every node of a shared machine.
        System.setProperty("zookeeper.admin.enableServer", "false");
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int requested = Integer.parseInt(args[1]);
        ZooKeeperMain server = new ZooKeeperMain();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "zookeeper-stop"));
        for (int attempt = 1; ; attempt++) {
            int port = requested == 0 ? freePort() : requested;
            try {
                Files.createDirectories(dataDir);
                server.runFromConfig(config(dataDir, port));
                return;
            } catch (BindException e) {
                // A picked port can be taken between the probe and the bind: pick again.
                if (requested != 0 || attempt == BIND_ATTEMPTS) {
                    Exit.fail("zookeeper failed: port " + port + " is in use");
                }
            } catch (Exception e) {
                Exit.fail("zookeeper failed: " + e);
            }
        }
    }

    @Override
    protected void serverStarted() {
        System.out.println("zookeeper ready: port=" + getClientPort());
    }

    private static ServerConfig config(Path dataDir, int port) throws IOException, QuorumPeerConfig.ConfigException {
        Properties properties = new Properties();
        properties.setProperty("dataDir", dataDir.toString());
        properties.setProperty("clientPort", Integer.toString(port));
        properties.setProperty("clientPortAddress", "127.0.0.1");
        properties.setProperty("tickTime", "2000");
        properties.setProperty("maxClientCnxns", "0");
        // Solr's sessions (zkClientTimeout) must fit between 2 and 30 ticks.
        properties.setProperty("maxSessionTimeout", "60000");
        properties.setProperty("autopurge.snapRetainCount", "3");
        properties.setProperty("autopurge.purgeInterval", "1");
        QuorumPeerConfig quorum = new QuorumPeerConfig();
        quorum.parseProperties(properties);
        ServerConfig config = new ServerConfig();
        config.readFrom(quorum);
        return config;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
