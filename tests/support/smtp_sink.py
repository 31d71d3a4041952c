#!/usr/bin/env python3
"""A small SMTP sink for the tests (Python 3 standard library only).

Listens on 127.0.0.1 (a free port unless --port is given), prints the port on the first line
of standard output, and writes each accepted message to DIR/NNNNNN.eml (written to a temporary
name and renamed, so a reader never sees half a message). With --fail-first N the first N
messages are refused after DATA with "451 try again later", to test retries.

Speaks just enough SMTP for libcurl: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
"""
import argparse
import os
import socketserver
import sys
import threading


class State:
    def __init__(self, directory, fail_first):
        self.directory = directory
        self.fail_first = fail_first
        self.seen = 0
        self.stored = 0
        self.lock = threading.Lock()

    def accept(self, envelope_from, envelope_to, data):
        """Returns the reply to the end of DATA."""
        with self.lock:
            self.seen += 1
            if self.seen <= self.fail_first:
                return b"451 4.3.0 try again later (sink told to fail)\r\n"
            self.stored += 1
            name = os.path.join(self.directory, "%06d.eml" % self.stored)
        with open(name + ".tmp", "wb") as out:
            out.write(b"X-Sink-Mail-From: " + envelope_from + b"\r\n")
            for rcpt in envelope_to:
                out.write(b"X-Sink-Rcpt-To: " + rcpt + b"\r\n")
            out.write(data)
        os.rename(name + ".tmp", name)
        return b"250 2.0.0 stored\r\n"


class Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line)
        self.wfile.flush()

    def read_data(self):
        lines = []
        while True:
            line = self.rfile.readline(1 << 20)
            if not line:
                return None
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            if line.startswith(b".."):  # undo the dot-stuffing
                line = line[1:]
            lines.append(line)

    def handle(self):
        state = self.server.state
        envelope_from, envelope_to = b"", []
        self.reply(b"220 sink ESMTP ready\r\n")
        while True:
            line = self.rfile.readline(1 << 16)
            if not line:
                return
            verb = line.strip().split(b" ")[0].upper()
            if verb == b"EHLO":
                self.reply(b"250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n")
            elif verb == b"HELO":
                self.reply(b"250 sink\r\n")
            elif verb == b"MAIL":
                envelope_from, envelope_to = line.strip()[10:].split(b" ")[0], []
                self.reply(b"250 2.1.0 ok\r\n")
            elif verb == b"RCPT":
                envelope_to.append(line.strip()[8:].split(b" ")[0])
                self.reply(b"250 2.1.5 ok\r\n")
            elif verb == b"DATA":
                self.reply(b"354 end with <CRLF>.<CRLF>\r\n")
                data = self.read_data()
                if data is None:
                    return
                self.reply(state.accept(envelope_from, envelope_to, data))
            elif verb == b"RSET":
                envelope_from, envelope_to = b"", []
                self.reply(b"250 2.0.0 ok\r\n")
            elif verb == b"NOOP":
                self.reply(b"250 2.0.0 ok\r\n")
            elif verb == b"QUIT":
                self.reply(b"221 2.0.0 bye\r\n")
                return
            else:
                self.reply(b"502 5.5.2 not implemented\r\n")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="folder for the received messages")
    parser.add_argument("--port", type=int, default=0, help="port (0: a free one)")
    parser.add_argument("--fail-first", type=int, default=0, help="refuse the first N messages with 451")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = State(args.dir, args.fail_first)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
