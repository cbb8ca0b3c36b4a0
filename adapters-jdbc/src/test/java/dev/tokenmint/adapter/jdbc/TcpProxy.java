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
 * {@link #cut()} closes every connection through it and, until {@link #restore()}, closes each new
 * one as soon as it is accepted, as a server that went down would.
 *
 * <p>The port stays bound from start to {@link #close()}: releasing it during the outage and
 * binding it again on restore failed now and then with "Address already in use" when another
 * process on the machine took the free port meanwhile.
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress upstream;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean down;
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

  /** Closes every connection through the proxy and refuses new ones, until {@link #restore()}. */
  public synchronized void cut() {
    down = true;
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /** Forwards new connections again. */
  public synchronized void restore() {
    down = false;
  }

  @Override
  public synchronized void close() {
    cut();
    closeQuietly(listener);
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
        return; // close() closed the listener
      }
      if (down) {
        closeQuietly(client); // the server is down: nothing answers
        continue;
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
