#!/usr/bin/env python3
"""A local web site for capturing a web archive with wget, on 127.0.0.1.

Serves the folder given as the first argument, and, so that the archive
holds every shape broadsheet must undo, the same files under
  /gzip/PATH     with Content-Encoding: gzip
  /chunked/PATH  with Transfer-Encoding: chunked (HTTP/1.1)
  /moved/PATH    a 301 redirect to /PATH
  /via/PATH      a page whose relative picture references are rewritten to
                 go through /moved/ (pictures reached by a redirect)
  /latin1/PATH   a page re-encoded to ISO-8859-1, its charset named only in
                 the HTTP Content-Type header (its <meta charset> removed)
Prints the port on the first line of stdout, then serves until killed.
"""
import gzip
import http.server
import os
import re
import socketserver
import sys

ROOT = os.path.abspath(sys.argv[1])


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in extra:
            self.send_header(k, v)
        if ("Transfer-Encoding", "chunked") not in extra:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if ("Transfer-Encoding", "chunked") in extra:
            for i in range(0, len(body), 700):
                part = body[i:i + 700]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        mode = None
        m = re.match(r"^/(gzip|chunked|moved|via|latin1)(/.*)$", path)
        if m:
            mode, path = m.group(1), m.group(2)
        if mode == "moved":
            self.send(301, b"", "text/html", [("Location", path)])
            return
        file = os.path.realpath(os.path.join(ROOT, path.lstrip("/")))
        if not file.startswith(ROOT + os.sep) or not os.path.isfile(file):
            self.send(404, b"<html><body>Not found</body></html>",
                      "text/html; charset=utf-8")
            return
        with open(file, "rb") as f:
            body = f.read()
        ctype = "text/html" if file.endswith(".html") else \
            "image/png" if file.endswith(".png") else \
            "image/jpeg" if file.endswith(".jpg") else \
            "application/octet-stream"
        extra = []
        if mode == "via":
            body = re.sub(rb'src="(?!https?:|/)', b'src="/moved/', body)
        if mode == "latin1":
            text = body.decode("utf-8")
            text = re.sub(r'<meta charset="[^"]*">', "", text)
            body = text.encode("iso-8859-1", "xmlcharrefreplace")
            ctype = "text/html; charset=ISO-8859-1"
        if mode == "gzip":
            body = gzip.compress(body, mtime=0)
            extra.append(("Content-Encoding", "gzip"))
        if mode == "chunked":
            extra.append(("Transfer-Encoding", "chunked"))
        self.send(200, body, ctype, extra)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
