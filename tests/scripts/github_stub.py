# github_stub.py STATE LOG PORTFILE - a stand-in for the GitHub REST API's
# issue comments, for action.sh: serves STATE ({"ISSUE": [comments]}) on
# 127.0.0.1, writes its port to PORTFILE, appends each request to LOG (one
# JSON object a line: method, path, authorization, accept, body) and saves
# STATE after each change. Answers:
#   GET   /repos/O/R/issues/N/comments?per_page=P&page=K  a page of comments
#   POST  /repos/O/R/issues/N/comments                    a new comment
#   PATCH /repos/O/R/issues/comments/ID                   the comment updated
# and 404 to anything else, 422 to a body that is not {"body": string}.
import json
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

state_file, log_file, port_file = sys.argv[1:4]
state = json.load(open(state_file))


def save():
    with open(state_file, "w") as f:
        json.dump(state, f)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, code, obj):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self, method):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = {"unparsed": raw.decode("utf-8", "replace")}
        with open(log_file, "a") as f:
            f.write(json.dumps({"method": method, "path": self.path,
                                "authorization": self.headers.get("Authorization"),
                                "accept": self.headers.get("Accept"), "body": body}) + "\n")
        m = re.fullmatch(r"/repos/([^/]+)/([^/]+)/issues/(\d+)/comments", url.path)
        if m and method == "GET":
            q = parse_qs(url.query)
            per = int(q.get("per_page", ["30"])[0])
            page = int(q.get("page", ["1"])[0])
            items = state.get(m.group(3), [])
            return self.answer(200, items[(page - 1) * per:page * per])
        if body is not None and not isinstance(body.get("body"), str):
            return self.answer(422, {"message": "body must be a string"})
        if m and method == "POST":
            ids = [c["id"] for cs in state.values() for c in cs] + [9000]
            c = {"id": max(ids) + 1, "body": body["body"], "user": {"login": "github-actions[bot]"}}
            state.setdefault(m.group(3), []).append(c)
            save()
            return self.answer(201, c)
        m = re.fullmatch(r"/repos/([^/]+)/([^/]+)/issues/comments/(\d+)", url.path)
        if m and method == "PATCH":
            for cs in state.values():
                for c in cs:
                    if c["id"] == int(m.group(3)):
                        c["body"] = body["body"]
                        save()
                        return self.answer(200, c)
        return self.answer(404, {"message": "Not Found"})

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PATCH(self):
        self.handle_any("PATCH")


server = HTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
