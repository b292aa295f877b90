"""Concurrent PUT clients that cost the machine as little as possible, the same for every server.

Each client is its own process (no shared interpreter lock between them) with one HTTP/1.1
keep-alive connection on a raw socket and one request in flight; every request's bytes are built
before the timed phase, so a PUT costs the client one send and the reads of its answer. The
previous client (8 threads of http.client in one interpreter) used about 0.33 ms of CPU per PUT,
most of a core at 2,000 PUT/s on a 2-core machine that also runs the server, so it capped the
number it measured. Clients take the next event index from a shared counter, so the events stored
before a deadline are always 0..stored-1, whatever the relative speed of the clients.
"""
import multiprocessing, socket, time


class RawHttpConnection:
    """One keep-alive HTTP/1.1 connection (RFC 9112): sends prepared request bytes, reads one answer.
    Reconnects when the server closed the connection or said it would (Connection: close, or
    HTTP/1.0 without keep-alive), as http.client does."""

    def __init__(self, host, port, timeout=120):
        self.address, self.timeout = (host, port), timeout
        self.sock, self.buffer = None, bytearray()

    def exchange(self, request):
        """Sends the request, returns (status, body). Retries once on a connection the server dropped."""
        for attempt in (0, 1):
            if self.sock is None:
                self.sock = socket.create_connection(self.address, timeout=self.timeout)
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.buffer.clear()
            try:
                self.sock.sendall(request)
                return self._read_response()
            except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, EOFError):
                self.close()
                if attempt:
                    raise

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("the server closed the connection")
        self.buffer += chunk

    def _read_response(self):
        while (end := self.buffer.find(b"\r\n\r\n")) < 0:
            self._fill()
        head = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
        del self.buffer[:end + 4]
        version, status = head[0].split(" ", 2)[:2]
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        connection = headers.get("connection", "").lower()
        keep_alive = "keep-alive" in connection if version == "HTTP/1.0" else "close" not in connection
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = self._read_chunked()
        elif "content-length" in headers:
            body = self._read_exactly(int(headers["content-length"]))
        elif status.startswith("1") or status in ("204", "304"):
            body = b""
        else:  # no framing: the body runs to the end of the connection (RFC 9112 6.3, item 8)
            try:
                while True:
                    self._fill()
            except EOFError:
                pass
            body, keep_alive = bytes(self.buffer), False
            self.buffer.clear()
        if not keep_alive:
            self.close()
        return int(status), body

    def _read_exactly(self, length):
        while len(self.buffer) < length:
            self._fill()
        body = bytes(self.buffer[:length])
        del self.buffer[:length]
        return body

    def _read_chunked(self):
        body = bytearray()
        while True:
            while (end := self.buffer.find(b"\r\n")) < 0:
                self._fill()
            size = int(bytes(self.buffer[:end]).split(b";")[0], 16)
            del self.buffer[:end + 2]
            if size == 0:  # trailer section up to an empty line
                while (end := self.buffer.find(b"\r\n")) != 0:
                    if end < 0:
                        self._fill()
                    else:
                        del self.buffer[:end + 2]
                del self.buffer[:2]
                return bytes(body)
            body += self._read_exactly(size)
            self._read_exactly(2)


def put_request(host, port, path, body, auth):
    """The bytes of one PUT: the headers http.client sends for it, plus Content-Type."""
    head = [f"PUT {path} HTTP/1.1", f"Host: {host}:{port}", "Accept-Encoding: identity",
            "Content-Type: text/calendar; charset=utf-8", f"Content-Length: {len(body)}"]
    if auth:
        head.append(f"Authorization: {auth}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


def _client(host, port, requests, counter, go, stop_at, results):
    connection, latencies, errors = RawHttpConnection(host, port), [], []
    go.wait()
    cpu_started = time.process_time()
    try:
        while time.monotonic() < stop_at:
            with counter.get_lock():
                i = counter.value
                if i >= len(requests):
                    break
                counter.value = i + 1
            started = time.perf_counter()
            status, _ = connection.exchange(requests[i])
            elapsed_ms = (time.perf_counter() - started) * 1000
            if status in (200, 201, 204):
                latencies.append(elapsed_ms)
            else:
                errors.append(status)
    except Exception as failure:  # the parent waits for one result per client, so always send one
        errors.append(f"{type(failure).__name__}: {failure}")
    finished = time.perf_counter()  # CLOCK_MONOTONIC: comparable across processes on Linux
    connection.close()
    results.put((latencies, errors, time.process_time() - cpu_started, finished))


def put_concurrently(host, port, requests, clients, deadline_s):
    """Sends requests[0..] from `clients` processes until all are sent or the deadline passes.
    Returns (latencies_ms of the successes, error statuses or exception texts, wall seconds,
    client CPU seconds)."""
    context = multiprocessing.get_context("fork")  # children inherit the prepared requests
    counter, go, results = context.Value("q", 0), context.Event(), context.Queue()
    stop_at = time.monotonic() + deadline_s
    workers = [context.Process(target=_client, args=(host, port, requests, counter, go, stop_at, results))
               for _ in range(clients)]
    for worker in workers:
        worker.start()
    time.sleep(0.2)  # let every process reach go.wait(), so process start-up is not timed
    started = time.perf_counter()
    go.set()
    outcomes = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    latencies = [ms for outcome in outcomes for ms in outcome[0]]
    errors = [status for outcome in outcomes for status in outcome[1]]
    wall = max(outcome[3] for outcome in outcomes) - started
    return latencies, errors, wall, sum(outcome[2] for outcome in outcomes)
