package org.medpulse.devstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports on the loopback interface, where the local stack listens. Checking a port before a server
 * binds it turns Kafka's or Jetty's bind failure, which surfaces deep in their start-up, into one
 * clear message; the check and the bind can still race, so servers' own errors are handled too.
 */
public final class LocalPorts {

    /** The address every local-stack server binds and advertises. */
    public static final String HOST = "127.0.0.1";

    private LocalPorts() {
    }

    /**
     * Returns {@code port} if it is a TCP port number or 0 (pick a free port), else throws
     * {@link IllegalArgumentException} naming {@code what}, e.g. "Kafka port".
     */
    public static int checkPortNumber(int port, String what) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(what + " must be between 0 (pick a free one) and 65535, got " + port);
        }
        return port;
    }

    /**
     * {@code count} distinct ports that are free right now. They are held open together while
     * chosen so that two requests never get the same port.
     */
    public static List<Integer> free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, loopback());
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        } finally {
            held.forEach(LocalPorts::closeQuietly);
        }
    }

    /** Whether a server could bind {@code port} on {@link #HOST} now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same socket options as Kafka's and Jetty's acceptors (SO_REUSEADDR), so the answer matches theirs.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Throws {@link PortInUseException} if {@code port} is taken; {@code what} names its user in
     * the message, e.g. "Kafka".
     */
    public static void requireFree(int port, String what) {
        if (!isFree(port)) {
            throw new PortInUseException(what, port);
        }
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByName(HOST);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a listening socket we just opened; nothing useful to report.
        }
    }
}
