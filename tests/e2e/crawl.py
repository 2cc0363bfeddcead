#!/usr/bin/python3
"""Crawls the service as one account: from the dashboard, every link
(href) and every GET form's action on every page reached, once each,
same origin only. Prints one line per fetch and exits 1 when any answer
is 401, 403, 404 or 5xx (the page that linked to it is named).

usage: crawl.py BASE LOGIN PASSWORD [SKIP_PREFIX...]
"""
import base64
import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

MAX_PAGES = 2000


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("a", "link") and a.get("href"):
            self.links.append(a["href"])
        if tag == "form" and (a.get("method") or "get").lower() == "get":
            self.links.append(a.get("action") or "")


def main():
    base, login, password = sys.argv[1:4]
    skip = sys.argv[4:]
    auth = "Basic " + base64.b64encode(("%s:%s" % (login, password)).encode()).decode()
    origin = urllib.parse.urlsplit(base)
    todo = [("/", "(start)")]
    seen = {"/"}
    bad = 0
    fetched = 0
    while todo and fetched < MAX_PAGES:
        path, source = todo.pop(0)
        req = urllib.request.Request(base + path, headers={"Authorization": auth})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                code, ctype, body = r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            code, ctype, body = e.code, e.headers.get("Content-Type", ""), e.read()
        fetched += 1
        print("%d %s (from %s)" % (code, path, source))
        if code in (401, 403, 404) or code >= 500:
            bad += 1
            print("BROKEN: %s answers %d, linked from %s" % (path, code, source))
            continue
        if "text/html" not in ctype:
            continue
        p = Links()
        p.feed(body.decode("utf-8", "replace"))
        for href in p.links:
            u = urllib.parse.urlsplit(urllib.parse.urljoin(base + path, href))
            if u.scheme not in ("http", "https") or u.netloc != origin.netloc:
                continue
            target = u.path + ("?" + u.query if u.query else "")
            if any(target.startswith(s) for s in skip):
                continue
            if target not in seen:
                seen.add(target)
                todo.append((target, path))
    print("%s: %d fetched, %d broken, %d left" % (login, fetched, bad, len(todo)))
    sys.exit(1 if bad or todo else 0)


main()
