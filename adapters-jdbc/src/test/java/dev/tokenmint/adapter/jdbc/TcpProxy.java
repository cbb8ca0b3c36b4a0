package dev.tokenmint.adapter.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a local port in front of a server, to take the server away and bring it back:
 * {@link #cut()} closes the port and every connection through it, {@link #restore()} listens on the
 * same port again.
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress upstream;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;

  private TcpProxy(InetSocketAddress upstream) {
    this.upstream = upstream;
  }

  /** A proxy on a free loopback port, forwarding to {@code host}:{@code port}. */
  public static TcpProxy start(String host, int port) {
    TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port));
    proxy.listen(0);
    return proxy;
  }

  /** The local port the proxy listens on. */
  public synchronized int port() {
    return listener.getLocalPort();
  }

  /** Closes the port and every connection through it, as a server that went down would. */
  public synchronized void cut() {
    closeQuietly(listener);
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /** Listens on the same port again. */
  public synchronized void restore() {
    listen(listener.getLocalPort());
  }

  @Override
  public void close() {
    cut();
  }

  private void listen(int localPort) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
      listener = socket;
      Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return; // cut() closed the listener
      }
      Socket server = new Socket();
      sockets.add(client);
      sockets.add(server);
      try {
        server.connect(upstream, 5_000);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        closeQuietly(client); // the upstream refused: so does the proxy
        closeQuietly(server);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread pump =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // a side closed: close both below
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception e) {
      // closing to simulate an outage: a failure to close changes nothing
    }
  }
}
