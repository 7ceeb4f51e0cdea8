package io.lode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that breaks the connections it carries, the way networks and servers
 * do: between a client and a real server (S3Proxy), it makes every request that crosses it face
 * the ambiguity a production client faces.
 *
 * <p>It knows no HTTP. It watches which side is talking: the first bytes a client sends after the
 * server spoke begin a request, the first bytes the server sends after the client spoke begin a
 * response. At each such turn it may, as {@link Faults} says:
 * <ul>
 *   <li><b>reset the request</b>: forward part of the request, then reset both connections, so the
 *       server never executes it;
 *   <li><b>drop the response</b>: reset both connections instead of forwarding the response, so the
 *       server executed the request and the client never learns it (the client retries and meets
 *       its own write);
 *   <li><b>delay</b>: hold the bytes for a while before forwarding them.
 * </ul>
 * Decisions come from one seeded generator, so a failing run can be told apart by its seed
 * (logged at start); thread timing still varies between runs.
 */
public final class FaultProxy implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FaultProxy.class.getName());

    /**
     * How often each fault strikes at a turn of a connection.
     *
     * @param resetRequest the probability that a request is cut off before the server gets all of it
     * @param dropResponse the probability that a response is lost after the server sent it
     * @param delay the probability that a turn is held for {@code delayLength}
     * @param delayLength how long a delayed turn is held
     */
    public record Faults(double resetRequest, double dropResponse, double delay, Duration delayLength) {
        /** No faults: the proxy only forwards. */
        public static final Faults NONE = new Faults(0, 0, 0, Duration.ZERO);

        /**
         * {@code rate} of all requests fail, split evenly between requests reset on the way and
         * responses lost after the server executed them; as many turns again are delayed by up to
         * 20 ms.
         */
        public static Faults failing(double rate) {
            return new Faults(rate / 2, rate / 2, rate, Duration.ofMillis(20));
        }
    }

    /** What the proxy has done so far. */
    public record Counts(long connections, long requestsReset, long responsesDropped, long delays) {
        /** Requests that failed on the way or lost their answer. */
        public long faults() {
            return requestsReset + responsesDropped;
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final SplittableRandom random;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final AtomicLong delays = new AtomicLong();
    private volatile Faults faults = Faults.NONE;
    private volatile boolean closed;

    private FaultProxy(ServerSocket server, InetSocketAddress target, long seed) {
        this.server = server;
        this.target = target;
        this.random = new SplittableRandom(seed);
        Thread.ofPlatform().daemon().name("fault-proxy-accept-" + server.getLocalPort()).start(this::accept);
    }

    /** Starts a proxy in front of {@code endpoint} ({@code http://host:port}), forwarding without faults until told. */
    public static FaultProxy start(URI endpoint, long seed) {
        try {
            ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            LOG.log(Level.INFO, "fault proxy on port {0} in front of {1}, seed {2}", server.getLocalPort(), endpoint, seed);
            return new FaultProxy(server, new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), seed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the fault proxy's port", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: point the client here instead of at the server. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Applies {@code next} to every turn from now on, on open and new connections alike. */
    public void faults(Faults next) {
        this.faults = next;
    }

    public Counts counts() {
        return new Counts(connections.get(), resets.get(), drops.get(), delays.get());
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket cannot fail in a way a test could act on
        }
        sockets.forEach(FaultProxy::reset);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "fault proxy stopped accepting: " + e);
                }
                return;
            }
            connections.incrementAndGet();
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        sockets.add(client);
        sockets.add(upstream);
        try {
            upstream.connect(target, 10_000);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException e) {
            closeBoth(client, upstream);
            return;
        }
        Connection c = new Connection(client, upstream);
        Thread.ofVirtual().start(() -> c.pump(client, upstream, Connection.REQUEST));
        c.pump(upstream, client, Connection.RESPONSE);
    }

    /** One client connection and its connection to the server, with whose turn it is. */
    private final class Connection {
        static final int REQUEST = 1;
        static final int RESPONSE = 2;

        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger turn = new AtomicInteger(RESPONSE);

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to, int direction) {
            byte[] buffer = new byte[64 << 10];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (turn.getAndSet(direction) != direction && !atTurn(direction, buffer, n, out)) {
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                // An orderly end on one side ends the other: a half-open connection helps no one here.
            } catch (IOException ignored) {
                // a reset by either side, or by this proxy: both ends learn of it below
            } finally {
                closeBoth(client, upstream);
            }
        }

        /** Applies the faults at the start of a request or response; false when it cut the connection. */
        private boolean atTurn(int direction, byte[] buffer, int n, OutputStream out) throws IOException {
            Faults f = faults;
            double roll;
            double delayRoll;
            int cut;
            synchronized (random) {
                roll = random.nextDouble();
                delayRoll = random.nextDouble();
                cut = random.nextInt(Math.max(1, n));
            }
            if (direction == REQUEST && roll < f.resetRequest()) {
                resets.incrementAndGet();
                out.write(buffer, 0, cut);
                out.flush();
                reset(upstream);
                reset(client);
                return false;
            }
            if (direction == RESPONSE && roll < f.dropResponse()) {
                drops.incrementAndGet();
                reset(client);
                reset(upstream);
                return false;
            }
            if (delayRoll < f.delay()) {
                delays.incrementAndGet();
                try {
                    Thread.sleep(f.delayLength());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void closeBoth(Socket a, Socket b) {
        for (Socket s : new Socket[] {a, b}) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed or reset
            }
            sockets.remove(s);
        }
    }

    /** Closes with a TCP reset (linger 0), as a crashed peer or a middlebox would. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
