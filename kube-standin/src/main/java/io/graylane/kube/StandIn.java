package io.graylane.kube;

import java.net.InetAddress;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local Kubernetes API of {@code ./graylane up} when no cluster is given: a {@link StandInServer} on
 * {@code --port} of the loopback interface, plain HTTP. Arguments: {@code [--port N] [--pod-startup MILLIS]}.
 */
public final class StandIn {

    /** Held so the setting stays: the mock server logs every request at INFO. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private StandIn() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 6443;
        Duration podStartup = StandInServer.POD_STARTUP;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--pod-startup" -> podStartup = Duration.ofMillis(Long.parseLong(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        StandInServer server = StandInServer.start(InetAddress.getLoopbackAddress(), port, podStartup);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stand-in-stop"));
        System.out.println("Kubernetes API stand-in (fabric8 mock server, CRUD mode) on " + server.url()
                + "; a Deployment's pods become ready one at a time, " + podStartup.toMillis() + " ms each"
                + " (annotate it " + DeploymentController.READY + ": \"false\" or \"fail\" to change that)");
        Thread.currentThread().join();
    }
}
