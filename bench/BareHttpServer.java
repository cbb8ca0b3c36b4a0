import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The floor bench/http.sh sets tokenmint's restart against: the JDK's own HTTP server answering 200
 * to every request, started on the same JDK. Prints the port it listens on.
 */
public final class BareHttpServer {
  public static void main(String[] args) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    System.out.println("serving on http://127.0.0.1:" + server.getAddress().getPort());
  }
}
