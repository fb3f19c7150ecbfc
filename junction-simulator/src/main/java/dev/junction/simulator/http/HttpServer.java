package dev.junction.simulator.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback HTTP/1.1 server: one platform thread accepts, one virtual thread serves each
 * connection, requests on a connection are served in order (keep-alive, no pipelining).
 * {@link #close()} closes the listening socket and every open connection, which also ends
 * any stalled response.
 */
public final class HttpServer implements AutoCloseable {

    /** Serves one request; returns {@code false} when the connection must not be reused. */
    @FunctionalInterface
    public interface Handler {
        boolean handle(HttpRequest request, HttpConnection connection) throws IOException, InterruptedException;
    }

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    private HttpServer(ServerSocket serverSocket, Handler handler) {
        this.serverSocket = serverSocket;
        this.handler = handler;
    }

    /** Binds 127.0.0.1:{@code port} ({@code 0} = ephemeral) and starts accepting. */
    public static HttpServer start(int port, Handler handler) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            HttpServer server = new HttpServer(socket, handler);
            Thread.ofPlatform().daemon().name("junction-simulator-accept-" + socket.getLocalPort())
                    .start(server::acceptLoop);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** True once {@link #close()} began: connection failures after that are not the client's doing. */
    public boolean closing() {
        return closing;
    }

    @Override
    public void close() {
        closing = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // the accept loop ends either way
        }
        open.forEach(HttpConnection::close);
    }

    private void acceptLoop() {
        while (!closing) {
            try {
                Socket socket = serverSocket.accept();
                Thread.ofVirtual().name("junction-simulator-conn").start(() -> serve(socket));
            } catch (IOException e) {
                if (closing) return;
            }
        }
    }

    private void serve(Socket socket) {
        HttpConnection connection;
        try {
            connection = new HttpConnection(socket);
        } catch (IOException e) {
            return;
        }
        open.add(connection);
        try (connection) {
            while (!closing) {
                HttpRequest request = connection.readRequest();
                if (request == null) return;
                if (!handler.handle(request, connection) || connection.closeAfterResponse()) return;
            }
        } catch (IOException | RuntimeException e) {
            // a broken or closed connection ends its thread; the simulator records what it saw
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(connection);
        }
    }
}
